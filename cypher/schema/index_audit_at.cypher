// Audit records by time (GET /audit lists newest first).
CREATE INDEX audit_at IF NOT EXISTS FOR (n:Audit) ON (n.at)
