// Stored pairings between the given agency orgs and community orgs.
// $community_orgs. Rows {id, agency_org, community_org, since, until}.
UNWIND $community_orgs AS co_id
MATCH (co:PartyOrg {id: co_id})<-[:COMMUNITY_ORG]-(pr:Pairing)-[:AGENCY_ORG]->(ao:PartyOrg)
RETURN pr.id AS id, ao.id AS agency_org, co.id AS community_org,
       toString(pr.since) AS since, toString(pr.until) AS until
