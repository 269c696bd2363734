// Audit records by the thing they changed (GET /audit?entity_id=: one object's history).
CREATE INDEX audit_entity_id IF NOT EXISTS FOR (n:Audit) ON (n.entity_id)
