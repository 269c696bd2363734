// Open events past their current level's deadline at $now that the sweep has not flagged yet,
// oldest deadline first, within $prefix ('' for all). $limit. Rows {id}.
MATCH (e:Event)
  WHERE e.due_at < $now AND e.status <> 'closed' AND NOT e.flagged
  AND e.unit_code STARTS WITH $prefix
WITH e
  ORDER BY e.due_at
  LIMIT $limit
RETURN e.id AS id
