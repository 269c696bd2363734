// "Agency + community" pairings between two Party orgs.
// $rows: [{id, agency_org_id, community_org_id, since, until?}]
UNWIND $rows AS row
MATCH (ao:PartyOrg {id: row.agency_org_id}), (co:PartyOrg {id: row.community_org_id})
MERGE (pr:Pairing {id: row.id})
SET pr.since = date(row.since), pr.until = date(row.until)
MERGE (pr)-[:AGENCY_ORG]->(ao)
MERGE (pr)-[:COMMUNITY_ORG]->(co)
