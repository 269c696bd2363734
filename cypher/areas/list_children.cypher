// Children of an area (one tier down) by code. $code, $scope, $skip, $limit. Rows {area}.
MATCH (c:Area)-[:PART_OF]->(p:Area {code: $code})
WHERE p.code STARTS WITH $scope
RETURN c {.code, .name, .tier, .kind, .residents, .parent_code} AS area
ORDER BY c.code
SKIP $skip LIMIT $limit
