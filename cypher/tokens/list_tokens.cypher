// A page of the tokens scoped inside $scope ('' for all), newest first, without hashes, each
// with its state now (revoked, expired or active), and how many there are. $scope, $role?,
// $state?, $skip, $limit. One row {total, items}.
MATCH (t:Token)
WHERE coalesce(t.scope_code, '') STARTS WITH $scope AND ($role IS NULL OR t.role = $role)
WITH t, CASE WHEN t.revoked_at IS NOT NULL THEN 'revoked'
             WHEN t.expires_at <= datetime() THEN 'expired'
             ELSE 'active' END AS state
WHERE $state IS NULL OR state = $state
WITH t, state
  ORDER BY t.created_at DESC, t.id
WITH collect(t {.id, .role, .scope_code, .name, .person_id, .rate_limit,
                created_at: toString(t.created_at), expires_at: toString(t.expires_at),
                revoked_at: toString(t.revoked_at), state: state}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
