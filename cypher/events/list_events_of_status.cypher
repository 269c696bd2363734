// As list_events.cypher, for events of $statuses, all open ones (one asked for, or all of
// them when only overdue events are): the events still open are a small share, found through
// the status index and then sorted, wherever they are. $prefix, $statuses,
// $category, $overdue, $needs_check, $now, $skip, $limit. Rows {event, unit, agency}.
MATCH (e:Event)
  USING INDEX e:Event(status)
  WHERE e.status IN $statuses
  AND e.unit_code STARTS WITH $prefix
  AND ($category IS NULL OR e.category = $category)
  AND ($overdue IS NULL OR (e.status <> 'closed' AND e.due_at < $now) = $overdue)
  AND ($needs_check IS NULL OR (e.self_closed AND NOT e.verified) = $needs_check)
WITH e
  ORDER BY e.collected_at DESC, e.id
  SKIP $skip
  LIMIT $limit
// The page's units and agencies, read for its rows only, then the page in its order again.
OPTIONAL MATCH (e)-[:IN]->(u:Unit)
OPTIONAL MATCH (g:Agency {id: e.agency_id})
WITH e, u, g
  ORDER BY e.collected_at DESC, e.id
// The fields orggraph.events.forms.render shows; times as epoch milliseconds, since the driver
// decodes a zoned datetime in about 0.3 ms (a town's 14,829 events: 1.0 s against 5.9 s).
RETURN e {.id, .unit_code, .category, .summary, .status, .level, .area_code, .agency_id,
          .reporter_id, .reporter_name, .resolved_level, .self_closed, .verified,
          .overdue_steps, .returned_by, .version, collected_at: e.collected_at.epochMillis,
          due_at: e.due_at.epochMillis, closed_at: e.closed_at.epochMillis} AS event,
       u {.code, .name} AS unit, g {.id, .name} AS agency
