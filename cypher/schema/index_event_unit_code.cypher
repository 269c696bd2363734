// Events by unit code: lists and statistics "within" an area are prefix scans of it.
CREATE INDEX event_unit_code IF NOT EXISTS FOR (n:Event) ON (n.unit_code)
