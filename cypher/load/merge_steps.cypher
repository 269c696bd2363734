// The steps of the seed's events (times as ISO strings). $rows: [{id, event_id, seq, at, ...}]
UNWIND $rows AS row
MATCH (e:Event {id: row.event_id})
MERGE (s:Step {id: row.id})
SET s += row, s.at = datetime(row.at)
MERGE (e)-[:HAS_STEP]->(s)
