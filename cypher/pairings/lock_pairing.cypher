// Lock pairing $id for the rest of the transaction, so that changes to its projects queue one
// behind the other and each reads what the one before it left. $id. Row {id} or none.
MATCH (pr:Pairing {id: $id})
SET pr._lock = true REMOVE pr._lock
RETURN pr.id AS id
