// Events by status: the open ones (a small share) are found without reading the closed.
CREATE INDEX event_status IF NOT EXISTS FOR (n:Event) ON (n.status)
