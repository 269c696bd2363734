// Many new pairings at once. $rows: [{id, agency_org, community_org, since, until?}]
UNWIND $rows AS row
MATCH (ao:PartyOrg {id: row.agency_org}), (co:PartyOrg {id: row.community_org})
CREATE (pr:Pairing {id: row.id, since: date(row.since), until: date(row.until), version: 1,
                    created_at: datetime()})
CREATE (pr)-[:AGENCY_ORG]->(ao)
CREATE (pr)-[:COMMUNITY_ORG]->(co)
