// End a linkage if still at $version (or none given). $id, $until, $version?. Row {id} or none.
MATCH (l:Linkage {id: $id})
WHERE $version IS NULL OR coalesce(l.version, 1) = $version
SET l.until = date($until), l.version = coalesce(l.version, 1) + 1
RETURN l.id AS id
