// As count_events.cypher, for a list of one $category: the matching events are found in the
// (category, unit_code) index, so only the other filters, when given, read the events. Row {n}.
MATCH (e:Event)
  WHERE e.category = $category
  AND e.unit_code STARTS WITH $prefix
  AND ($status IS NULL OR e.status = $status)
  AND ($overdue IS NULL OR (e.status <> 'closed' AND e.due_at < $now) = $overdue)
  AND ($needs_check IS NULL OR (e.self_closed AND NOT e.verified) = $needs_check)
RETURN count(e) AS n
