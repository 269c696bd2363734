// Number of linkages list_linkages pages through. Same filters. Row {n}.
MATCH (l:Linkage)-[:LINKS_AREA]->(a:Area)
WHERE a.code STARTS WITH $prefix AND a.code STARTS WITH $scope
  AND ($area IS NULL OR a.code = $area)
  AND ($active_on IS NULL OR (l.since <= date($active_on)
       AND (l.until IS NULL OR l.until >= date($active_on))))
MATCH (l)-[:LINKS_AGENCY]->(g:Agency)
WHERE $agency IS NULL OR g.id = $agency
RETURN count(l) AS n
