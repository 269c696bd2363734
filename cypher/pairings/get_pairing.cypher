// One pairing whose community is in scope, or no row. $id, $scope. Row {pairing}.
MATCH (pr:Pairing {id: $id})-[:COMMUNITY_ORG]->(:PartyOrg)-[:ORG_OF]->(c:Community)
WHERE c.code STARTS WITH $scope
MATCH (pr)-[:AGENCY_ORG]->(:PartyOrg)-[:ORG_OF]->(g:Agency)
RETURN pr {.id, version: coalesce(pr.version, 1),
           agency: g {.id, .name, .tier}, community: c {.code, .name},
           since: toString(pr.since), until: toString(pr.until),
           projects: COLLECT {
             MATCH (pr)-[:HAS_PROJECT]->(x)
             // By date, then as numbered (p2 before p10), as the lists give them.
             WITH x ORDER BY x.date, size(x.id), x.id
             RETURN x {.id, .title, .amount, .funded_by, date: toString(x.date)}}} AS pairing
