// Audit records in scope (by the area the change touched), newest first, optionally of one
// entity (one object's records: list_audit_of_entity). The time index is walked newest first
// and stops at a full page, so only the page's records are read and shown. $scope, $entity?,
// $skip, $limit. Rows {record}.
MATCH (a:Audit)
  USING INDEX a:Audit(at)
WHERE a.at IS NOT NULL
  AND (a.area_code IS NULL AND $scope = '' OR a.area_code STARTS WITH $scope)
  AND ($entity IS NULL OR a.entity = $entity)
WITH a
  ORDER BY a.at DESC, a.id DESC
  SKIP $skip
  LIMIT $limit
RETURN a {.id, .token_id, .person_id, .actor, .action, .entity, .entity_id, .area_code,
          .before, .after, at: toString(a.at)} AS record
