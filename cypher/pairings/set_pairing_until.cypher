// End a pairing, only if it is still at the version the caller saw (ETag) or none was given.
// $id, $until, $version? . Row {id, version} when changed, none when the version is stale.
MATCH (pr:Pairing {id: $id})
WHERE $version IS NULL OR coalesce(pr.version, 1) = $version
SET pr.until = date($until), pr.version = coalesce(pr.version, 1) + 1
RETURN pr.id AS id, pr.version AS version
