// A new token. $id, $hash, $role, $scope_code (null: everything), $name, $person_id?,
// $expires_at (ISO datetime or null), $rate_limit. Returns {token}.
CREATE (t:Token {id: $id, hash: $hash, role: $role, scope_code: $scope_code, name: $name,
                 person_id: $person_id, rate_limit: $rate_limit, created_at: datetime(),
                 expires_at: datetime($expires_at), revoked_at: null})
RETURN t {.id, .role, .scope_code, .name, .person_id, .rate_limit,
          created_at: toString(t.created_at), expires_at: toString(t.expires_at)} AS token
