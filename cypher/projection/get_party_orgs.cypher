// The Party orgs mirrored on (ORG_OF) or covering (COVERS, a joint group) areas in scope.
// $scope. One row {orgs: [[area, org, kind, joint]]}.
MATCH (o:PartyOrg)-[rel:ORG_OF|COVERS]->(a:Area)
WHERE a.code STARTS WITH $scope
RETURN collect([a.code, o.id, o.kind, type(rel) = 'COVERS']) AS orgs
