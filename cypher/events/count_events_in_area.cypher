// How many events an area holds, for a list with no filter, and how many are stored in all:
// count_events with nothing but the area to test, so the unit-code index alone answers and no
// event is read (a city's 514,779 events in 97 ms against 253 ms), and the label's count,
// which Neo4j keeps. The two choose the listing's plan (orggraph.events.list_plan). $prefix.
// Row {n, stored}.
MATCH (e:Event)
  WHERE e.unit_code STARTS WITH $prefix
WITH count(*) AS n
CALL () {
  MATCH (x:Event)
  RETURN count(x) AS stored
}
RETURN n, stored
