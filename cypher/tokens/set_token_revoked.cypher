// Revoke a token (idempotent: the first revocation time stays). $id. Row {id} or none.
MATCH (t:Token {id: $id})
SET t.revoked_at = coalesce(t.revoked_at, datetime())
RETURN t.id AS id
