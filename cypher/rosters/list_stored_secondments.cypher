// Stored secondments of the given people. $person_ids.
// Rows {id, person_id, role, area_code, since, until}.
UNWIND $person_ids AS pid
MATCH (p:Person {id: pid})<-[:OF_PERSON]-(s:Secondment)-[:TO_AREA]->(a:Area)
RETURN s.id AS id, p.id AS person_id, s.role AS role, a.code AS area_code,
       toString(s.since) AS since, toString(s.until) AS until
