// Both ends of a would-be linkage, locking the area. $agency_id, $area_code, $scope.
// Row {agency, area}; nulls for what is missing or out of scope.
OPTIONAL MATCH (a:Area {code: $area_code})
WHERE a.code STARTS WITH $scope AND a.tier IN ['town', 'community']
OPTIONAL MATCH (g:Agency {id: $agency_id})
FOREACH (x IN CASE WHEN a IS NULL THEN [] ELSE [a] END | SET x._lock = true REMOVE x._lock)
RETURN g {.id, .name, .tier} AS agency, a {.code, .name, .tier} AS area
