// One linkage whose area is in scope, or no row. $id, $scope. Row {linkage}.
MATCH (l:Linkage {id: $id})-[:LINKS_AREA]->(a:Area)
WHERE a.code STARTS WITH $scope
MATCH (l)-[:LINKS_AGENCY]->(g:Agency)
RETURN l {.id, version: coalesce(l.version, 1), agency: g {.id, .name, .tier},
          area: a {.code, .name, .tier}, since: toString(l.since),
          until: toString(l.until)} AS linkage
