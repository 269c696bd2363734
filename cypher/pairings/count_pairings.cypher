// Number of pairings list_pairings pages through. Same filters. Row {n}.
MATCH (pr:Pairing)-[:COMMUNITY_ORG]->(:PartyOrg)-[:ORG_OF]->(c:Community)
WHERE c.code STARTS WITH $prefix AND c.code STARTS WITH $scope
  AND ($community IS NULL OR c.code = $community)
  AND ($active_on IS NULL OR (pr.since <= date($active_on)
       AND (pr.until IS NULL OR pr.until >= date($active_on))))
MATCH (pr)-[:AGENCY_ORG]->(:PartyOrg)-[:ORG_OF]->(g:Agency)
WHERE $agency IS NULL OR g.id = $agency
RETURN count(pr) AS n
