// Unit and grid leaders in charge today, in scope. $scope, $today. One row {leads: [[area,
// person, name, role]]}.
WITH date($today) AS today
MATCH (p:Person)-[r:LEADS]->(a:Area)
WHERE a.code STARTS WITH $scope AND r.since <= today AND (r.until IS NULL OR r.until > today)
RETURN collect([a.code, p.id, p.name, r.role]) AS leads
