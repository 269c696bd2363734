// Events of the seed's history, in their units (properties as orggraph.events.new_event makes
// them, with the state their trail led to; times and dates as ISO strings). $rows
UNWIND $rows AS row
MATCH (u:Area:Unit {code: row.unit_code})
MERGE (e:Event {id: row.id})
SET e += row, e.collected_at = datetime(row.collected_at), e.collected_on = date(row.collected_on),
    e.due_at = datetime(row.due_at), e.closed_at = datetime(row.closed_at)
MERGE (e)-[:IN]->(u)
