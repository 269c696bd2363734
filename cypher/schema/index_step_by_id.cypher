// Steps by person: whose steps earned which points.
CREATE INDEX step_by_id IF NOT EXISTS FOR (n:Step) ON (n.by_id)
