// The stored state of one event within $scope (no trail), read under its lock to decide a
// step, with the person taking the step when $person_id is given (null when unknown).
// $id, $scope, $person_id. Row {event, person}; none when the event is not in scope.
MATCH (e:Event {id: $id})
  WHERE e.unit_code STARTS WITH $scope
OPTIONAL MATCH (p:Person {id: $person_id})
RETURN e {.*} AS event, p {.id, .name} AS person
