// 1 if the area (by code) or Party org (by id) exists in scope, else 0. $code?, $org_id?,
// $scope. Row {n}.
OPTIONAL MATCH (a:Area {code: $code})
WHERE a.code STARTS WITH $scope
OPTIONAL MATCH (o:PartyOrg {id: $org_id})-[:ORG_OF]->(oa:Area)
WHERE oa.code STARTS WITH $scope
RETURN count(a) + count(o) AS n
