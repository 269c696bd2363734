// Agencies keeping contact with a community or town. $rows: [{id, agency_id, area_code, since, until?}]
UNWIND $rows AS row
MATCH (g:Agency {id: row.agency_id}), (a:Area {code: row.area_code})
MERGE (l:Linkage {id: row.id})
SET l.since = date(row.since), l.until = date(row.until)
MERGE (l)-[:LINKS_AGENCY]->(g)
MERGE (l)-[:LINKS_AREA]->(a)
