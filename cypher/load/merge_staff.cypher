// Agency staff. $rows: [{person_id, agency_id, title}]
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (g:Agency {id: row.agency_id})
MERGE (p)-[r:WORKS_AT]->(g)
SET r.title = row.title
