// Event counts within $prefix collected from $from to $to (local dates, inclusive), grouped
// by category, month and the level where they were resolved. $category optional; $now for the
// steps pending past their deadline. Rows {category, month, resolved_level, collected, closed,
// overdue_steps}.
MATCH (e:Event)
  WHERE e.unit_code STARTS WITH $prefix
  AND e.collected_on >= date($from) AND e.collected_on <= date($to)
  AND ($category IS NULL OR e.category = $category)
RETURN e.category AS category, e.month AS month, e.resolved_level AS resolved_level,
       count(*) AS collected, count(e.closed_at) AS closed,
       sum(e.overdue_steps
           + CASE WHEN e.status <> 'closed' AND e.due_at < $now AND NOT e.flagged THEN 1
                  ELSE 0 END) AS overdue_steps
