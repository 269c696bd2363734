// Number of audit records in scope made between two instants, optionally of one entity: the
// records of the window, found through the time index. $start, $end (end excluded), $scope,
// $entity?. Row {n}.
MATCH (a:Audit)
  USING INDEX a:Audit(at)
WHERE a.at >= $start AND a.at < $end
  AND (a.area_code IS NULL AND $scope = '' OR a.area_code STARTS WITH $scope)
  AND ($entity IS NULL OR a.entity = $entity)
RETURN count(*) AS n
