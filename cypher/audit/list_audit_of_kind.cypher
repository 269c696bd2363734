// A page of the audit records of one entity kind in a scope, newest first, found through the
// (entity, area_code) index and sorted: for a kind with few records, where the time-index walk
// of list_audit would read much of the log to fill the page. $entity, $scope (not ''), $skip,
// $limit. Rows {record}, as list_audit.
MATCH (a:Audit)
  USING INDEX a:Audit(entity, area_code)
WHERE a.entity = $entity AND a.area_code STARTS WITH $scope
WITH a
  ORDER BY a.at DESC, a.id DESC
  SKIP $skip
  LIMIT $limit
RETURN a {.id, .token_id, .person_id, .actor, .action, .entity, .entity_id, .area_code,
          .before, .after, at: toString(a.at)} AS record
