// Every token, newest first, without hashes. Rows {token}.
MATCH (t:Token)
RETURN t {.id, .role, .scope_code, .name, .person_id, .rate_limit,
          created_at: toString(t.created_at), expires_at: toString(t.expires_at),
          revoked_at: toString(t.revoked_at)} AS token
ORDER BY t.created_at DESC
