// A new pairing between two Party orgs. $id, $agency_org, $community_org, $since, $until?.
// Row {id}.
MATCH (ao:PartyOrg {id: $agency_org}), (co:PartyOrg {id: $community_org})
CREATE (pr:Pairing {id: $id, since: date($since), until: date($until), version: 1,
                    created_at: datetime()})
CREATE (pr)-[:AGENCY_ORG]->(ao)
CREATE (pr)-[:COMMUNITY_ORG]->(co)
RETURN pr.id AS id
