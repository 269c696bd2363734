// Linkages of areas in scope with optional filters. $prefix, $scope, $agency?, $area?,
// $active_on?, $skip, $limit. Rows {linkage}.
MATCH (l:Linkage)-[:LINKS_AREA]->(a:Area)
WHERE a.code STARTS WITH $prefix AND a.code STARTS WITH $scope
  AND ($area IS NULL OR a.code = $area)
  AND ($active_on IS NULL OR (l.since <= date($active_on)
       AND (l.until IS NULL OR l.until >= date($active_on))))
MATCH (l)-[:LINKS_AGENCY]->(g:Agency)
WHERE $agency IS NULL OR g.id = $agency
RETURN l {.id, version: coalesce(l.version, 1), agency: g {.id, .name, .tier},
          area: a {.code, .name, .tier}, since: toString(l.since),
          until: toString(l.until)} AS linkage
ORDER BY a.code, l.since, l.id
SKIP $skip LIMIT $limit
