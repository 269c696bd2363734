// Unit and grid leaders, with history. $rows: [{person_id, area_code, role, since, until?}]
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (a:Area {code: row.area_code})
MERGE (p)-[r:LEADS {role: row.role, since: date(row.since)}]->(a)
SET r.until = date(row.until)
