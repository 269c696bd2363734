// A batch of new events collected at once by one token, each with its first step; nothing for
// a row whose unit (within $scope) or reporter is missing, so a count short of $rows says some
// were (the caller then names them and rolls back). $rows: [{id, unit_code, category, summary,
// reporter_id, tally}] in unit order (orggraph.events.collect.by_unit); $event and $step: what
// every event of the batch and its collect step share (orggraph.events.collect.batch_rows).
// Sending the shared part once, not per row, halves what a batch costs to pack and parse. The
// properties are those of create_events, which writes events collected one by one; a test holds
// the two to the same properties.
UNWIND $rows AS row
MATCH (u:Area:Unit {code: row.unit_code})
  WHERE u.code STARTS WITH $scope
MATCH (p:Person {id: row.reporter_id})
CREATE (e:Event {
  id: row.id, unit_code: row.unit_code, category: row.category, summary: row.summary,
  status: $event.status, level: $event.level, area_code: row.unit_code, reporter_id: p.id,
  reporter_name: p.name, collected_at: $event.collected_at,
  collected_on: $event.collected_on, due_at: $event.due_at,
  flagged: $event.flagged, overdue_steps: $event.overdue_steps,
  self_closed: $event.self_closed, verified: $event.verified,
  returned_by: $event.returned_by, version: $event.version, tally: row.tally})-[:IN]->(u)
CREATE (e)-[:HAS_STEP]->(:Step {
  id: row.id + ':' + $step.seq, event_id: row.id, seq: $step.seq, action: $step.action,
  level: $step.level, area_code: row.unit_code, unit_code: row.unit_code, by_id: p.id,
  by_name: p.name, at: $step.at, month: $step.month, late: $step.late,
  token_id: $step.token_id})
RETURN count(e) AS n
