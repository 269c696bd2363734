// Lock pairing $id for the rest of the transaction, so that a change to it or its projects
// reads what the change before it left (and its audit record's "before" is what it replaced),
// and projects added at once are numbered one after the other. $id. Row {id} or none.
MATCH (pr:Pairing {id: $id})
SET pr._lock = true REMOVE pr._lock
RETURN pr.id AS id
