// Every relationship with its ends (element ids, as list_nodes gives them), type and
// properties. Rows {start, type, end, props}.
MATCH (a)-[r]->(b)
RETURN elementId(a) AS start, type(r) AS type, elementId(b) AS end, properties(r) AS props
