// What the points rules need about the month's unit-level steps within $prefix, grouped by
// the person who took them and counted: Rows {person: {id, name}, unit: {code, name},
// facts: [{action, late, self_closed, verified, n}]}. Only current unit leaders are ranked.
// $month ('YYYY-MM').
MATCH (s:Step)
  WHERE s.month = $month AND s.level = 'unit' AND s.unit_code STARTS WITH $prefix
MATCH (e:Event)-[:HAS_STEP]->(s)
WITH s.by_id AS pid, s.action AS action, s.late AS late,
     s.action = 'resolve' AND e.self_closed AS self_closed, e.verified AS verified, count(*) AS n
WITH pid, collect({action: action, late: late, self_closed: self_closed, verified: verified,
                   n: n}) AS facts
MATCH (p:Person {id: pid})-[l:LEADS {role: 'unit_leader'}]->(u:Unit)
  WHERE l.until IS NULL AND u.code STARTS WITH $prefix
WITH p, facts, u
  ORDER BY u.code
WITH p, facts, collect(u)[0] AS u
RETURN p {.id, .name} AS person, u {.code, .name} AS unit, facts
