// Take the event's write lock, so that concurrent steps on it run one after the other and
// each reads what the one before wrote. $id, $scope. Row {id} when found in scope.
MATCH (e:Event {id: $id})
  WHERE e.unit_code STARTS WITH $scope
SET e._lock = true
REMOVE e._lock
RETURN e.id AS id
