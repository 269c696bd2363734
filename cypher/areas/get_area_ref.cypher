// An area in scope as {code, name, tier}, or no row. $code, $scope. Row {area}.
MATCH (a:Area {code: $code})
WHERE a.code STARTS WITH $scope
RETURN a {.code, .name, .tier} AS area
