// Number of audit records of one entity kind in a scope, from the (entity, area_code) index
// alone, and how many records are stored in all (the label's count): the two choose the
// listing's plan (orggraph.audit.list_plan). $entity, $scope (not ''). Row {n, stored}.
MATCH (a:Audit)
  WHERE a.entity = $entity AND a.area_code STARTS WITH $scope
WITH count(*) AS n
CALL () {
  MATCH (x:Audit)
  RETURN count(x) AS stored
}
RETURN n, stored
