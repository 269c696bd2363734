// Areas whose name or official name contains $q (each served by its text index), within
// $prefix and $scope, of $tier if given; exact matches first, then by tier and code.
// $skip, $limit. One row {total, items}.
CALL () {
  MATCH (a:Area)
    WHERE a.name CONTAINS $q
  RETURN a
  UNION
  MATCH (a:Area)
    WHERE a.official_name CONTAINS $q
  RETURN a
}
WITH a
  WHERE a.code STARTS WITH $prefix AND a.code STARTS WITH $scope
  AND ($tier IS NULL OR a.tier = $tier)
WITH a
  ORDER BY CASE WHEN a.name = $q OR a.official_name = $q THEN 0 ELSE 1 END, size(a.code), a.code
WITH collect(a {.code, .name, .tier, .kind, .residents, .parent_code}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
