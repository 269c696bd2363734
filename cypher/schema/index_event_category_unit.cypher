// Events by category and unit code: a list of one category "within" an area is counted from
// this index alone (events/count_events_of_category), where the general count reads every
// event of the area (the city's disputes: about 30 ms against 400 ms).
CREATE INDEX event_category_unit IF NOT EXISTS FOR (n:Event) ON (n.category, n.unit_code)
