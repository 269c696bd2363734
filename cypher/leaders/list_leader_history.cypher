// Everyone who has led an area (unit/grid leaders) or a Party org (secretaries), newest first.
// $code?, $org_id?, $scope. Rows {person, role, since, until}.
MATCH (t) WHERE (t:Area AND t.code = $code AND t.code STARTS WITH $scope)
   OR (t:PartyOrg AND t.id = $org_id
       AND EXISTS { (t)-[:ORG_OF]->(a:Area) WHERE a.code STARTS WITH $scope })
MATCH (p:Person)-[r:LEADS|SECRETARY_OF]->(t)
RETURN p {.id, .name} AS person, coalesce(r.role, 'secretary') AS role,
       toString(r.since) AS since, toString(r.until) AS until
ORDER BY r.since DESC
