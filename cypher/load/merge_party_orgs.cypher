// Party orgs, mirrored on an area or belonging to an agency, under their parent org.
// $rows: [{id, name, kind, level, area_code?, agency_id?, parent_id?}]
UNWIND $rows AS row
MERGE (o:PartyOrg {id: row.id})
SET o.name = row.name, o.kind = row.kind, o.level = row.level
WITH o, row
CALL (o, row) {
  MATCH (a:Area {code: row.area_code})
  MERGE (o)-[:ORG_OF]->(a)
}
CALL (o, row) {
  MATCH (g:Agency {id: row.agency_id})
  MERGE (o)-[:ORG_OF]->(g)
}
CALL (o, row) {
  MATCH (up:PartyOrg {id: row.parent_id})
  MERGE (o)-[:UNDER]->(up)
}
