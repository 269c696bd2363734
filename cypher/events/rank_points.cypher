// The month's points of the current unit leaders within $prefix, as one row of columns
// {ids, names, unit_codes, unit_names, points}, one place per leader: a city's 36,000 leaders
// come through the driver in half the time of as many rows (BENCHMARKS.md, "The points
// ranking"). $month ('YYYY-MM'); $points: what a step of each kind earns, keyed
// 'action|late|unchecked' (orggraph.points.points_by_kind, from the rules), so the steps are
// weighed here and one number per leader is sent. Unchecked: a settlement by the event's own
// reporter that no one else has checked yet. Only a settlement's event is read (whether it is
// unchecked), and the key of each kind is made once a leader's steps are counted by kind.
MATCH (s:Step)
  WHERE s.month = $month AND s.level = 'unit' AND s.unit_code STARTS WITH $prefix
WITH s.by_id AS pid, s.action AS action, coalesce(s.late, false) AS late,
     CASE WHEN s.action = 'resolve'
          THEN EXISTS { MATCH (e:Event)-[:HAS_STEP]->(s)
                        WHERE e.self_closed AND NOT coalesce(e.verified, false) }
          ELSE false END AS unchecked
WITH pid, action, late, unchecked, count(*) AS n
WITH pid, sum(coalesce($points[action + '|' + toString(late) + '|' + toString(unchecked)], 0)
              * n) AS points
MATCH (p:Person {id: pid})-[l:LEADS {role: 'unit_leader'}]->(u:Unit)
  WHERE l.until IS NULL AND u.code STARTS WITH $prefix
WITH p, points, u
  ORDER BY u.code
WITH p, points, collect(u)[0] AS u
RETURN collect(p.id) AS ids, collect(p.name) AS names, collect(u.code) AS unit_codes,
       collect(u.name) AS unit_names, collect(points) AS points
