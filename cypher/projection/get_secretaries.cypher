// The secretaries today of the Party orgs mirrored on areas in scope. $scope, $today. One row
// {secretaries: [[org, person, name]]}. Starts from the Party orgs (USING SCAN), not the areas
// in scope, whose relationships include every event's (140 ms to 40 ms on Putian with a year
// of events).
WITH date($today) AS today
MATCH (s:Person)-[sr:SECRETARY_OF]->(o:PartyOrg)-[:ORG_OF]->(a:Area)
USING SCAN o:PartyOrg
WHERE a.code STARTS WITH $scope AND (sr.until IS NULL OR sr.until > today)
RETURN collect([o.id, s.id, s.name]) AS secretaries
