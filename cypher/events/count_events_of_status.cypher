// As count_events.cypher, for events of $statuses, all open ones, found through the status
// index (see list_events_of_status.cypher). Row {n}.
MATCH (e:Event)
  USING INDEX e:Event(status)
  WHERE e.status IN $statuses
  AND e.unit_code STARTS WITH $prefix
  AND ($category IS NULL OR e.category = $category)
  AND ($overdue IS NULL OR (e.status <> 'closed' AND e.due_at < $now) = $overdue)
  AND ($needs_check IS NULL OR (e.self_closed AND NOT e.verified) = $needs_check)
RETURN count(e) AS n
