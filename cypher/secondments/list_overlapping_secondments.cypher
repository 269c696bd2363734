// The person's secondments in the same role overlapping [$since, $until], anywhere.
// $person_id, $role, $since, $until?. Rows {id, area, since, until}.
MATCH (p:Person {id: $person_id})<-[:OF_PERSON]-(s:Secondment {role: $role})-[:TO_AREA]->(a)
WHERE (s.until IS NULL OR s.until >= date($since)) AND ($until IS NULL OR s.since <= date($until))
RETURN s.id AS id, a.name AS area, toString(s.since) AS since, toString(s.until) AS until
