// The live token (not revoked, not expired) with this hash, or no row. $hash
MATCH (t:Token {hash: $hash})
WHERE t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > datetime())
OPTIONAL MATCH (p:Person {id: t.person_id})
RETURN t {.id, .role, .scope_code, .person_id, .rate_limit, name: coalesce(p.name, t.name)} AS token
