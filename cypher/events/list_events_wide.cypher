// As list_events.cypher, for a district or wider ($prefix of six digits or fewer), where many
// events match: the collection-time index is walked newest first and stops once the page is
// full, instead of reading and sorting every event found by unit code. $prefix, $status,
// $category, $overdue, $needs_check, $now, $skip, $limit. Rows {event}.
MATCH (e:Event)
  USING INDEX e:Event(collected_at)
  WHERE e.collected_at IS NOT NULL
  AND e.unit_code STARTS WITH $prefix
  AND ($status IS NULL OR e.status = $status)
  AND ($category IS NULL OR e.category = $category)
  AND ($overdue IS NULL OR (e.status <> 'closed' AND e.due_at < $now) = $overdue)
  AND ($needs_check IS NULL OR (e.self_closed AND NOT e.verified) = $needs_check)
WITH e
  ORDER BY e.collected_at DESC, e.id
  SKIP $skip
  LIMIT $limit
RETURN e {.*} AS event
