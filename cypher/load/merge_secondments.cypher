// People sunk down to a community or grid, from an agency (none for deputies).
// $rows: [{id, person_id, agency_id?, area_code, role, since, until?}]
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (a:Area {code: row.area_code})
MERGE (s:Secondment {id: row.id})
SET s.role = row.role, s.since = date(row.since), s.until = date(row.until)
MERGE (s)-[:OF_PERSON]->(p)
MERGE (s)-[:TO_AREA]->(a)
WITH s, row
MATCH (g:Agency {id: row.agency_id})
MERGE (s)-[:FROM_AGENCY]->(g)
