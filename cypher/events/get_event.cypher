// One event within $scope, with its unit, the agency it is with, and its trail in order.
// $id, $scope. Row {event, unit, agency, trail}.
MATCH (e:Event {id: $id})-[:IN]->(u:Unit)
  WHERE e.unit_code STARTS WITH $scope
OPTIONAL MATCH (g:Agency {id: e.agency_id})
CALL (e) {
  MATCH (e)-[:HAS_STEP]->(s:Step)
  WITH s
    ORDER BY s.seq
  RETURN collect(s {.*}) AS trail
}
RETURN e {.*} AS event, u {.code, .name} AS unit, g {.id, .name} AS agency, trail
