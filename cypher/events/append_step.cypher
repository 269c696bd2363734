// Record one step and the event's new state, its version (the step's number) included; null
// values in $changes remove properties. Returns the event as it now stands, shaped as
// list_events_by_id.cypher returns it, so the answer to a step needs no second read.
// $id, $changes, $step. Row {event, unit, agency, trail}.
MATCH (e:Event {id: $id})-[:IN]->(u:Unit)
SET e += $changes
CREATE (e)-[:HAS_STEP]->(s:Step)
SET s = $step
WITH e, u
OPTIONAL MATCH (g:Agency {id: e.agency_id})
CALL (e) {
  MATCH (e)-[:HAS_STEP]->(s:Step)
  WITH s
    ORDER BY s.seq
  RETURN collect(s {.*, at: s.at.epochMillis}) AS trail
}
// Times as epoch milliseconds (the driver decodes a zoned datetime in about 0.3 ms).
RETURN e {.*, collected_at: e.collected_at.epochMillis, due_at: e.due_at.epochMillis,
          closed_at: e.closed_at.epochMillis} AS event, u {.code, .name} AS unit, g {.id, .name} AS agency, trail
