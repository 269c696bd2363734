// A person by id, as {id, name}, or no row. $id.
MATCH (p:Person {id: $id})
RETURN p {.id, .name} AS person
