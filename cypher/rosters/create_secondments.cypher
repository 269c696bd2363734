// Many new secondments at once. $rows: [{id, person_id, area_code, agency_id?, role, since,
// until?}]
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (a:Area {code: row.area_code})
CREATE (s:Secondment {id: row.id, role: row.role, since: date(row.since),
                      until: date(row.until), version: 1, created_at: datetime()})
CREATE (s)-[:OF_PERSON]->(p)
CREATE (s)-[:TO_AREA]->(a)
WITH s, row
MATCH (g:Agency {id: row.agency_id})
CREATE (s)-[:FROM_AGENCY]->(g)
