// Every token, newest first, without hashes, with its state now: revoked, expired or active.
// Rows {token}.
MATCH (t:Token)
RETURN t {.id, .role, .scope_code, .name, .person_id, .rate_limit,
          created_at: toString(t.created_at), expires_at: toString(t.expires_at),
          revoked_at: toString(t.revoked_at),
          state: CASE WHEN t.revoked_at IS NOT NULL THEN 'revoked'
                      WHEN t.expires_at <= datetime() THEN 'expired'
                      ELSE 'active' END} AS token
ORDER BY t.created_at DESC
