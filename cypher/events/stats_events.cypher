// Events within $prefix collected from $from to $to_end (local days: the tally starts with the
// day, so one property read filters and groups), counted by month and by the rest of the
// tally, 'category|resolved level|overdue steps'. Rows {month, rest, n}.
MATCH (e:Event)
  WHERE e.unit_code STARTS WITH $prefix AND e.tally >= $from AND e.tally < $to_end
RETURN left(e.tally, 7) AS month, substring(e.tally, 11) AS rest, count(*) AS n
