// Both sides of a would-be pairing, locking the community's Party org so that two concurrent
// creations for it are serialised (the second sees the first). $agency_id, $community_code,
// $scope. Row {agency, agency_org, community, community_org}; nulls for what is missing.
OPTIONAL MATCH (c:Community {code: $community_code})<-[:ORG_OF]-(co:PartyOrg)
WHERE c.code STARTS WITH $scope
OPTIONAL MATCH (g:Agency {id: $agency_id})<-[:ORG_OF]-(ao:PartyOrg)
FOREACH (x IN CASE WHEN co IS NULL THEN [] ELSE [co] END | SET x._lock = true REMOVE x._lock)
RETURN g {.id, .name, .tier} AS agency, ao.id AS agency_org,
       c {.code, .name} AS community, co.id AS community_org
