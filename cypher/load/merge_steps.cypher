// The steps of the seed's events. $rows: [{id, event_id, seq, action, ...}]
UNWIND $rows AS row
MATCH (e:Event {id: row.event_id})
MERGE (s:Step {id: row.id})
SET s += row
MERGE (e)-[:HAS_STEP]->(s)
