// Number of children of an area in scope; no row when the area is unknown or out of scope.
// $code, $scope. One row {n} or none.
MATCH (p:Area {code: $code})
WHERE p.code STARTS WITH $scope
RETURN COUNT { (c:Area)-[:PART_OF]->(p) } AS n
