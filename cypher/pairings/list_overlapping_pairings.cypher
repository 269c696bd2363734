// Pairings of the same agency and community whose period overlaps [$since, $until]
// ($until null: open-ended). $agency_org, $community_org. Rows {id, since, until}.
MATCH (ao:PartyOrg {id: $agency_org})<-[:AGENCY_ORG]-(pr:Pairing)-[:COMMUNITY_ORG]->
      (:PartyOrg {id: $community_org})
WHERE (pr.until IS NULL OR pr.until >= date($since))
  AND ($until IS NULL OR pr.since <= date($until))
RETURN pr.id AS id, toString(pr.since) AS since, toString(pr.until) AS until
