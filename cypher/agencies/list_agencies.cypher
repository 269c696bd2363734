// Agencies whose jurisdiction lies in scope (or above it, covering it), with optional filters.
// $prefix (within), $scope, $category?, $q?, $skip, $limit. Rows {agency}.
MATCH (g:Agency)-[:JURISDICTION]->(j:Area)
WHERE (j.code STARTS WITH $prefix OR $prefix STARTS WITH (CASE j.tier WHEN 'city'
         THEN left(j.code, 4) ELSE j.code END))
  AND (j.code STARTS WITH $scope OR $scope STARTS WITH (CASE j.tier WHEN 'city'
         THEN left(j.code, 4) ELSE j.code END))
  AND ($q IS NULL OR g.name CONTAINS $q)
  AND ($category IS NULL OR EXISTS { (g)-[:COMPETENT_FOR]->(:Category {key: $category}) })
RETURN g {.id, .name, .tier, .kind, jurisdiction: j {.code, .name, .tier},
          categories: [(g)-[:COMPETENT_FOR]->(c) | c.key]} AS agency
ORDER BY size(j.code), j.code, g.name
SKIP $skip LIMIT $limit
