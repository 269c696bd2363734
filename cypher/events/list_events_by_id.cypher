// The events of $ids that are within $scope, in the order asked, each with its unit, the
// agency it is with, and its trail in order (ids unknown or out of scope are left out). One
// event is read with $ids = [id]. $ids, $scope. Rows {event, unit, agency, trail}.
UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Event {id: $ids[i]})-[:IN]->(u:Unit)
  WHERE e.unit_code STARTS WITH $scope
OPTIONAL MATCH (g:Agency {id: e.agency_id})
CALL (e) {
  MATCH (e)-[:HAS_STEP]->(s:Step)
  WITH s
    ORDER BY s.seq
  RETURN collect(s {.*, at: s.at.epochMillis}) AS trail
}
WITH i, e, u, g, trail
  ORDER BY i
// Times as epoch milliseconds (the driver decodes a zoned datetime in about 0.3 ms).
RETURN e {.*, collected_at: e.collected_at.epochMillis, due_at: e.due_at.epochMillis,
          closed_at: e.closed_at.epochMillis} AS event, u {.code, .name} AS unit, g {.id, .name} AS agency, trail
