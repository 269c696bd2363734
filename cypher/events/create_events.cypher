// Many new events, each with its first step. $rows: [{event, step}], maps of properties with
// times and dates as ISO strings (see orggraph.events.wire), turned back into temporal values.
UNWIND $rows AS row
MATCH (u:Area:Unit {code: row.event.unit_code})
CREATE (e:Event)-[:IN]->(u)
SET e = row.event, e.collected_at = datetime(row.event.collected_at),
    e.collected_on = date(row.event.collected_on), e.due_at = datetime(row.event.due_at)
CREATE (e)-[:HAS_STEP]->(s:Step)
SET s = row.step, s.at = datetime(row.step.at)
RETURN count(e) AS n
