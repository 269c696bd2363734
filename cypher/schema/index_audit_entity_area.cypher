// Audit records by the kind of thing changed and the area: GET /audit?entity= counts a scope's
// records of one kind from it alone, and finds them when they are few (audit/*_of_kind).
CREATE INDEX audit_entity_area IF NOT EXISTS FOR (n:Audit) ON (n.entity, n.area_code)
