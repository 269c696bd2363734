// End a secondment if still at $version (or none given). $id, $until, $version?. Row {id} or none.
MATCH (s:Secondment {id: $id})
WHERE $version IS NULL OR coalesce(s.version, 1) = $version
SET s.until = date($until), s.version = coalesce(s.version, 1) + 1
RETURN s.id AS id
