// Party membership (and committee seats). $rows: [{person_id, org_id, title}]
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (o:PartyOrg {id: row.org_id})
MERGE (p)-[r:MEMBER_OF]->(o)
SET r.title = row.title
