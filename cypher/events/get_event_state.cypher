// The stored state of one event within $scope (no trail), read under its lock to decide a
// step, with the person taking the step when $person_id is given (null when unknown) and the
// agency holding it (null when none). $id, $scope, $person_id. Row {event, person, agency};
// none when the event is not in scope.
MATCH (e:Event {id: $id})
  WHERE e.unit_code STARTS WITH $scope
OPTIONAL MATCH (p:Person {id: $person_id})
OPTIONAL MATCH (g:Agency {id: e.agency_id})
RETURN e {.*} AS event, p {.id, .name} AS person, g {.id, .name} AS agency
