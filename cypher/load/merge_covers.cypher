// A Party org that also covers further units or grids (联合组建). $rows: [{org_id, area_code}]
UNWIND $rows AS row
MATCH (o:PartyOrg {id: row.org_id}), (a:Area {code: row.area_code})
MERGE (o)-[:COVERS]->(a)
