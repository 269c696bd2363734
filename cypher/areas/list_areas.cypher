// Areas matching the optional filters, exact name matches first, then by tier and code.
// $prefix, $scope, $tier?, $q?, $skip, $limit. Rows {area}.
MATCH (a:Area)
WHERE a.code STARTS WITH $prefix AND a.code STARTS WITH $scope
  AND ($tier IS NULL OR a.tier = $tier)
  AND ($q IS NULL OR a.name CONTAINS $q OR a.official_name CONTAINS $q)
RETURN a {.code, .name, .tier, .kind, .residents, .parent_code} AS area
ORDER BY CASE WHEN a.name = $q OR a.official_name = $q THEN 0 ELSE 1 END, size(a.code), a.code
SKIP $skip LIMIT $limit
