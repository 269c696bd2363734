// Pairings of communities in scope, with optional filters, by community then start date.
// $prefix (within, '' for all), $scope, $agency?, $community?, $active_on? (ISO date),
// $skip, $limit. Rows {pairing}.
MATCH (pr:Pairing)-[:COMMUNITY_ORG]->(:PartyOrg)-[:ORG_OF]->(c:Community)
WHERE c.code STARTS WITH $prefix AND c.code STARTS WITH $scope
  AND ($community IS NULL OR c.code = $community)
  AND ($active_on IS NULL OR (pr.since <= date($active_on)
       AND (pr.until IS NULL OR pr.until >= date($active_on))))
MATCH (pr)-[:AGENCY_ORG]->(:PartyOrg)-[:ORG_OF]->(g:Agency)
WHERE $agency IS NULL OR g.id = $agency
RETURN pr {.id, version: coalesce(pr.version, 1),
           agency: g {.id, .name, .tier}, community: c {.code, .name},
           since: toString(pr.since), until: toString(pr.until),
           projects: [(pr)-[:HAS_PROJECT]->(x) | x {.id, .title, .amount, .funded_by,
                                                    date: toString(x.date)}]} AS pairing
ORDER BY c.code, pr.since, pr.id
SKIP $skip LIMIT $limit
