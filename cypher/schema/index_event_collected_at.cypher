// Events by collection time: a city's or a district's newest events are read in this order, a
// page at a time, instead of sorting all of them (events/list_events_wide.cypher).
CREATE INDEX event_collected_at IF NOT EXISTS FOR (n:Event) ON (n.collected_at)
