// Number of audit records list_audit would page through. $scope, $entity?, $entity_id?. Row {n}.
MATCH (a:Audit)
WHERE (a.area_code IS NULL AND $scope = '' OR a.area_code STARTS WITH $scope)
  AND ($entity IS NULL OR a.entity = $entity)
  AND ($entity_id IS NULL OR a.entity_id = $entity_id)
RETURN count(a) AS n
