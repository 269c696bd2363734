// The unit an event is collected in (within the caller's scope) and the person reporting it.
// $unit_code, $person_id, $scope. Row {unit, person}; nulls for what is missing.
OPTIONAL MATCH (u:Area:Unit {code: $unit_code})
  WHERE u.code STARTS WITH $scope
OPTIONAL MATCH (p:Person {id: $person_id})
RETURN u {.code, .name} AS unit, p {.id, .name} AS person
