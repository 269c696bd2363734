// Audit records in scope (by the area the change touched), newest first, optionally of one
// entity. $scope, $entity?, $entity_id?, $skip, $limit. Rows {record}.
MATCH (a:Audit)
WHERE (a.area_code IS NULL AND $scope = '' OR a.area_code STARTS WITH $scope)
  AND ($entity IS NULL OR a.entity = $entity)
  AND ($entity_id IS NULL OR a.entity_id = $entity_id)
RETURN a {.id, .token_id, .person_id, .actor, .action, .entity, .entity_id, .area_code,
          .before, .after, at: toString(a.at)} AS record
ORDER BY a.at DESC, a.id DESC
SKIP $skip LIMIT $limit
