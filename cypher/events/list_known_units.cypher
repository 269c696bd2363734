// Which of $codes are units within $scope, and which of $people are known people.
// Row {units: [code], people: [{id, name}]}.
CALL () {
  UNWIND $codes AS code
  MATCH (u:Area:Unit {code: code})
    WHERE u.code STARTS WITH $scope
  RETURN collect(u.code) AS units
}
CALL () {
  UNWIND $people AS pid
  MATCH (p:Person {id: pid})
  RETURN collect(p {.id, .name}) AS people
}
RETURN units, people
