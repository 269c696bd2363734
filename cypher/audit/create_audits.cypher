// Many audit records at once, in the transaction of the changes they record.
// $token_id, $person_id?, $actor, $records: [{id, action, entity, entity_id, area_code, after}]
UNWIND $records AS r
CREATE (:Audit {id: r.id, at: datetime(), token_id: $token_id, person_id: $person_id,
                actor: $actor, action: r.action, entity: r.entity, entity_id: r.entity_id,
                area_code: r.area_code, before: null, after: r.after})
