// Revoke a token; the first revocation time stays. $id.
// Row {id, scope_code, revoked_at, already: when it had been revoked before, or null} or none.
MATCH (t:Token {id: $id})
WITH t, t.revoked_at AS before
SET t.revoked_at = coalesce(before, datetime())
RETURN t.id AS id, t.scope_code AS scope_code, toString(t.revoked_at) AS revoked_at,
       toString(before) AS already
