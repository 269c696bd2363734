// Lock linkage $id for the rest of the transaction, so that a change to it reads what the
// change before it left (and its audit record's "before" is what it replaced). $id.
// Row {id} or none.
MATCH (x:Linkage {id: $id})
SET x._lock = true REMOVE x._lock
RETURN x.id AS id
