// Number of agencies list_agencies pages through. Same filters. Row {n}.
MATCH (g:Agency)-[:JURISDICTION]->(j:Area)
WHERE (j.code STARTS WITH $prefix OR $prefix STARTS WITH (CASE j.tier WHEN 'city'
         THEN left(j.code, 4) ELSE j.code END))
  AND (j.code STARTS WITH $scope OR $scope STARTS WITH (CASE j.tier WHEN 'city'
         THEN left(j.code, 4) ELSE j.code END))
  AND ($q IS NULL OR g.name CONTAINS $q)
  AND ($category IS NULL OR EXISTS { (g)-[:COMPETENT_FOR]->(:Category {key: $category}) })
RETURN count(g) AS n
