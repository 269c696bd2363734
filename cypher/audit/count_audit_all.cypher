// Number of audit records of any entity and area, for a token scoped to everything: the
// label's count, which Neo4j keeps, so the log is not read. Row {n}.
MATCH (a:Audit)
RETURN count(a) AS n
