// Every node with its labels and properties, for a backup or a fingerprint. Rows {id, labels,
// props}; ids are element ids, meaningful only within this read.
MATCH (n)
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props
