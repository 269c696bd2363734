// Open events within $prefix, collected from $from to $to_end, past their deadline at $now and
// not yet flagged by the sweep (each is an overdue step not yet in its tally).
// Rows {month, category, n}.
MATCH (e:Event)
  USING INDEX e:Event(status)
  WHERE e.status IN ['collected', 'preprocessed', 'escalated', 'assessed', 'dispatched']
  AND e.due_at < $now AND NOT e.flagged AND e.unit_code STARTS WITH $prefix
  AND e.tally >= $from AND e.tally < $to_end
RETURN left(e.tally, 7) AS month, e.category AS category, count(*) AS n
