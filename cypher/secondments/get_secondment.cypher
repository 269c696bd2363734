// One secondment whose area is in scope, or no row. $id, $scope, $people. Row {secondment}.
MATCH (s:Secondment {id: $id})-[:TO_AREA]->(a:Area)
WHERE a.code STARTS WITH $scope
MATCH (s)-[:OF_PERSON]->(p:Person)
OPTIONAL MATCH (s)-[:FROM_AGENCY]->(g:Agency)
RETURN s {.id, .role, version: coalesce(s.version, 1),
          person: CASE WHEN $people THEN p {.id, .name, .phone} ELSE p {.id, .name} END,
          agency: g {.id, .name}, area: a {.code, .name, .tier},
          since: toString(s.since), until: toString(s.until)} AS secondment
