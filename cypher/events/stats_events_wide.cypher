// As stats_events.cypher, for a city or wider ($prefix of four digits or fewer), where most
// events match: a scan of the (tally, unit_code) index between the two days, which holds both
// values, instead of reading every event found by unit code. Rows {month, rest, n}.
MATCH (e:Event)
  USING INDEX e:Event(tally, unit_code)
  WHERE e.tally >= $from AND e.tally < $to_end AND e.unit_code STARTS WITH $prefix
RETURN left(e.tally, 7) AS month, substring(e.tally, 11) AS rest, count(*) AS n
