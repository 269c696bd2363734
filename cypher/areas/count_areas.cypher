// Number of areas matching the optional filters of list_areas.
// $prefix (subtree, '' for all), $scope (caller's prefix), $tier?, $q?. One row {n}.
MATCH (a:Area)
WHERE a.code STARTS WITH $prefix AND a.code STARTS WITH $scope
  AND ($tier IS NULL OR a.tier = $tier)
  AND ($q IS NULL OR a.name CONTAINS $q OR a.official_name CONTAINS $q)
RETURN count(a) AS n
