// Number of audit records in a scope, of any entity: count_audit with nothing but the area to
// test, answered by the area-code index alone. $scope (not ''; everything is count_audit_all).
// Row {n}.
MATCH (a:Audit)
  WHERE a.area_code STARTS WITH $scope
RETURN count(*) AS n
