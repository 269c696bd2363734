// A person's unit-level steps in $month, each with its event, for the points detail.
// $person_id, $month, $scope. Rows {event_id, seq, action, late, self_closed, verified, at}.
MATCH (s:Step)
  WHERE s.by_id = $person_id AND s.month = $month AND s.level = 'unit'
  AND s.unit_code STARTS WITH $scope
MATCH (e:Event)-[:HAS_STEP]->(s)
RETURN e.id AS event_id, e.summary AS summary, s.seq AS seq, s.action AS action, s.late AS late,
       s.action = 'resolve' AND e.self_closed AS self_closed, e.verified AS verified, s.at AS at
  ORDER BY s.at, e.id
