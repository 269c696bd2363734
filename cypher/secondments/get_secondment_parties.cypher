// The person, area and agency of a would-be secondment, locking the person so that two
// overlapping secondments cannot both be made. $person_id, $area_code, $agency_id?, $scope.
// Row {person, area, agency}; nulls for what is missing or out of scope.
OPTIONAL MATCH (p:Person {id: $person_id})
OPTIONAL MATCH (a:Area {code: $area_code})
WHERE a.code STARTS WITH $scope AND a.tier IN ['community', 'grid']
OPTIONAL MATCH (g:Agency {id: $agency_id})
FOREACH (x IN CASE WHEN p IS NULL THEN [] ELSE [p] END | SET x._lock = true REMOVE x._lock)
RETURN p {.id, .name} AS person, a {.code, .name, .tier} AS area, g {.id, .name} AS agency
