// The audit record of the change made under an idempotency key, or no row. $key (token id|key).
// answer is null when the change answered with its after.
MATCH (a:Audit {idempotency_key: $key})
RETURN a {.action, .entity, .entity_id, .after, .answer, .request_hash} AS record
