// A new event in its unit with its first step and its audit record, in one statement.
// $event, $step: maps of properties with times and dates as ISO strings (orggraph.events.wire);
// $audit: the record's properties as for audit/create_audit.cypher. Row {id}; none when the
// unit has gone meanwhile.
MATCH (u:Area:Unit {code: $event.unit_code})
CREATE (e:Event)-[:IN]->(u)
SET e = $event, e.collected_at = datetime($event.collected_at),
    e.collected_on = date($event.collected_on), e.due_at = datetime($event.due_at)
CREATE (e)-[:HAS_STEP]->(s:Step)
SET s = $step, s.at = datetime($step.at)
CREATE (a:Audit)
SET a = $audit, a.at = datetime(),
    a.idempotency_key = CASE WHEN $audit.idempotency_key IS NULL THEN null
                        ELSE $audit.token_id + '|' + $audit.idempotency_key END
RETURN e.id AS id
