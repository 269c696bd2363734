// Relationship count per type, from the count store. Returns rows {type, n}.
CALL db.relationshipTypes() YIELD relationshipType AS type
CALL (type) { MATCH ()-[r:$(type)]->() RETURN count(r) AS n }
RETURN type, n ORDER BY type
