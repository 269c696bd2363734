// A new secondment. $id, $person_id, $area_code, $agency_id?, $role, $since, $until?. Row {id}.
MATCH (p:Person {id: $person_id}), (a:Area {code: $area_code})
CREATE (s:Secondment {id: $id, role: $role, since: date($since), until: date($until),
                      version: 1, created_at: datetime()})
CREATE (s)-[:OF_PERSON]->(p)
CREATE (s)-[:TO_AREA]->(a)
WITH s
OPTIONAL MATCH (g:Agency {id: $agency_id})
FOREACH (x IN CASE WHEN g IS NULL THEN [] ELSE [g] END | CREATE (s)-[:FROM_AGENCY]->(x))
RETURN s.id AS id
