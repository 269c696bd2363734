// A page of events within $prefix, newest first, with optional filters: $status, $category,
// $overdue (not closed and past the current level's deadline at $now), $needs_check
// (closed by the reporter, not yet checked by someone else). $skip, $limit.
MATCH (e:Event)
  WHERE e.unit_code STARTS WITH $prefix
  AND ($status IS NULL OR e.status = $status)
  AND ($category IS NULL OR e.category = $category)
  AND ($overdue IS NULL OR (e.status <> 'closed' AND e.due_at < $now) = $overdue)
  AND ($needs_check IS NULL OR (e.self_closed AND NOT e.verified) = $needs_check)
WITH e
  ORDER BY e.collected_at DESC, e.id
  SKIP $skip
  LIMIT $limit
RETURN e {.*} AS event
