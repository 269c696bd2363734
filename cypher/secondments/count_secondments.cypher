// Number of secondments list_secondments pages through. Same filters. Row {n}.
MATCH (s:Secondment)-[:TO_AREA]->(a:Area)
WHERE a.code STARTS WITH $prefix AND a.code STARTS WITH $scope
  AND ($role IS NULL OR s.role = $role)
  AND ($active_on IS NULL OR (s.since <= date($active_on)
       AND (s.until IS NULL OR s.until >= date($active_on))))
MATCH (s)-[:OF_PERSON]->(p:Person)
WHERE $person IS NULL OR p.id = $person
RETURN count(s) AS n
