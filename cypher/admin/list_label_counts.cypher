// Node count per label, from the count store. Returns rows {label, n}.
CALL db.labels() YIELD label
CALL (label) { MATCH (n:$(label)) RETURN count(n) AS n }
RETURN label, n ORDER BY label
