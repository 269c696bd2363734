// Secondments to areas in scope with optional filters. $prefix, $scope, $role?, $person?,
// $active_on?, $people (bool: include personal data), $skip, $limit. Rows {secondment}.
MATCH (s:Secondment)-[:TO_AREA]->(a:Area)
WHERE a.code STARTS WITH $prefix AND a.code STARTS WITH $scope
  AND ($role IS NULL OR s.role = $role)
  AND ($active_on IS NULL OR (s.since <= date($active_on)
       AND (s.until IS NULL OR s.until >= date($active_on))))
MATCH (s)-[:OF_PERSON]->(p:Person)
WHERE $person IS NULL OR p.id = $person
OPTIONAL MATCH (s)-[:FROM_AGENCY]->(g:Agency)
RETURN s {.id, .role, version: coalesce(s.version, 1),
          person: CASE WHEN $people THEN p {.id, .name, .phone} ELSE p {.id, .name} END,
          agency: g {.id, .name}, area: a {.code, .name, .tier},
          since: toString(s.since), until: toString(s.until)} AS secondment
ORDER BY a.code, s.role, s.since, s.id
SKIP $skip LIMIT $limit
