// Audit records by the area the change touched: GET /audit counts a scope's records from it
// alone (audit/count_audit_in_scope), without reading the log.
CREATE INDEX audit_area_code IF NOT EXISTS FOR (n:Audit) ON (n.area_code)
