// Events by deadline: the sweep finds the open events past theirs.
CREATE INDEX event_due_at IF NOT EXISTS FOR (n:Event) ON (n.due_at)
