// Replace the current holder of $role on an area: the old relation ends on $since, a new one
// starts. $code, $role, $person_id, $since. Row {since}.
MATCH (a:Area {code: $code}), (p:Person {id: $person_id})
OPTIONAL MATCH (:Person)-[old:LEADS {role: $role}]->(a)
WHERE old.until IS NULL
SET old.until = date($since)
WITH DISTINCT a, p
CREATE (p)-[r:LEADS {role: $role, since: date($since)}]->(a)
RETURN toString(r.since) AS since
