// Number of audit records list_audit would page through. $scope, $entity?. Row {n}.
MATCH (a:Audit)
WHERE (a.area_code IS NULL AND $scope = '' OR a.area_code STARTS WITH $scope)
  AND ($entity IS NULL OR a.entity = $entity)
RETURN count(a) AS n
