// As list_events.cypher, for one status other than closed: the events still open are a small
// share, found through the status index and then sorted, wherever they are. $prefix, $status,
// $category, $overdue, $needs_check, $now, $skip, $limit. Rows {event}.
MATCH (e:Event)
  USING INDEX e:Event(status)
  WHERE e.status = $status
  AND e.unit_code STARTS WITH $prefix
  AND ($category IS NULL OR e.category = $category)
  AND ($overdue IS NULL OR (e.status <> 'closed' AND e.due_at < $now) = $overdue)
  AND ($needs_check IS NULL OR (e.self_closed AND NOT e.verified) = $needs_check)
WITH e
  ORDER BY e.collected_at DESC, e.id
  SKIP $skip
  LIMIT $limit
RETURN e {.*} AS event
