// The audit record of the change made under an idempotency key, or no row. $key (token id|key).
MATCH (a:Audit {idempotency_key: $key})
RETURN a {.action, .entity, .entity_id, .after, .request_hash} AS record
