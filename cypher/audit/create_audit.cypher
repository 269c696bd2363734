// One audit record, written in the same transaction as the change it records.
// $id, $token_id, $person_id?, $actor (a name), $action, $entity, $entity_id, $area_code?,
// $before, $after and $answer (JSON text or null; answer only when it is not after, see
// orggraph.audit.entry), $idempotency_key? (token id|key),
// $request_hash?. The key is unique: a concurrent replay of the same request fails here.
CREATE (a:Audit {id: $id, at: datetime(), token_id: $token_id, person_id: $person_id,
                 actor: $actor, action: $action, entity: $entity, entity_id: $entity_id,
                 area_code: $area_code, before: $before, after: $after, answer: $answer,
                 idempotency_key: CASE WHEN $idempotency_key IS NULL THEN null
                                  ELSE $token_id + '|' + $idempotency_key END,
                 request_hash: $request_hash})
