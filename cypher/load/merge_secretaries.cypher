// Secretaries of Party orgs, with history. $rows: [{person_id, org_id, since, until?}]
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id}), (o:PartyOrg {id: row.org_id})
MERGE (p)-[r:SECRETARY_OF {since: date(row.since)}]->(o)
SET r.until = date(row.until)
