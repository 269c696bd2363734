// A page of the audit records in scope made between two instants, newest first, optionally of
// one entity: the time index is sought to the window and walked back from its end, so only
// the window is read, and only until the page is full. $start, $end (instants, end excluded),
// $scope, $entity?, $skip, $limit. Rows {record}, as list_audit.
MATCH (a:Audit)
  USING INDEX a:Audit(at)
WHERE a.at >= $start AND a.at < $end
  AND (a.area_code IS NULL AND $scope = '' OR a.area_code STARTS WITH $scope)
  AND ($entity IS NULL OR a.entity = $entity)
WITH a
  ORDER BY a.at DESC, a.id DESC
  SKIP $skip
  LIMIT $limit
RETURN a {.id, .token_id, .person_id, .actor, .action, .entity, .entity_id, .area_code,
          .before, .after, at: toString(a.at)} AS record
