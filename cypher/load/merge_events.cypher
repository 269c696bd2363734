// Events of the seed's history, in their units (properties as orggraph.events.new_event makes
// them, with the state their trail led to). $rows: [{id, unit_code, ...}]
UNWIND $rows AS row
MATCH (u:Area:Unit {code: row.unit_code})
MERGE (e:Event {id: row.id})
SET e += row
MERGE (e)-[:IN]->(u)
