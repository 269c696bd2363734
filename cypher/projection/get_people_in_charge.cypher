// Who is in charge today, in scope: unit and grid leaders, the Party orgs mirrored on or
// covering areas, and the orgs' secretaries. $scope, $today. One row {leads: [[area, person,
// name, role]], orgs: [[area, org, kind, joint]], secretaries: [[org, person, name]]}.
WITH date($today) AS today
CALL (today) {
  MATCH (p:Person)-[r:LEADS]->(a:Area)
  WHERE a.code STARTS WITH $scope AND r.since <= today AND (r.until IS NULL OR r.until > today)
  RETURN collect([a.code, p.id, p.name, r.role]) AS leads
}
CALL () {
  MATCH (o:PartyOrg)-[rel:ORG_OF|COVERS]->(a:Area)
  WHERE a.code STARTS WITH $scope
  RETURN collect([a.code, o.id, o.kind, type(rel) = 'COVERS']) AS orgs
}
CALL (today) {
  MATCH (s:Person)-[sr:SECRETARY_OF]->(o:PartyOrg)-[:ORG_OF]->(a:Area)
  WHERE a.code STARTS WITH $scope AND (sr.until IS NULL OR sr.until > today)
  RETURN collect([o.id, s.id, s.name]) AS secretaries
}
RETURN leads, orgs, secretaries
