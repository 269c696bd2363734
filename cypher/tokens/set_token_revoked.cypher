// Revoke a token scoped inside $scope ('' for all); the first revocation time stays. $id.
// Row {token (as list_tokens shows it), already: when it had been revoked before, or null},
// or none.
MATCH (t:Token {id: $id})
WHERE coalesce(t.scope_code, '') STARTS WITH $scope
WITH t, t.revoked_at AS before
SET t.revoked_at = coalesce(before, datetime())
RETURN t {.id, .role, .scope_code, .name, .person_id, .rate_limit,
          created_at: toString(t.created_at), expires_at: toString(t.expires_at),
          revoked_at: toString(t.revoked_at), state: 'revoked'} AS token,
       toString(before) AS already
