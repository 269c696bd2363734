// One audit record, written in the same transaction as the change it records.
// $id, $token_id, $person_id?, $actor (a name), $action, $entity, $entity_id, $area_code?,
// $before (JSON text or null), $after (JSON text or null).
CREATE (a:Audit {id: $id, at: datetime(), token_id: $token_id, person_id: $person_id,
                 actor: $actor, action: $action, entity: $entity, entity_id: $entity_id,
                 area_code: $area_code, before: $before, after: $after})
