// How many events match the list filters (see list_events.cypher). Row {n}.
MATCH (e:Event)
  WHERE e.unit_code STARTS WITH $prefix
  AND ($status IS NULL OR e.status = $status)
  AND ($category IS NULL OR e.category = $category)
  AND ($overdue IS NULL OR (e.status <> 'closed' AND e.due_at < $now) = $overdue)
  AND ($needs_check IS NULL OR (e.self_closed AND NOT e.verified) = $needs_check)
RETURN count(e) AS n
