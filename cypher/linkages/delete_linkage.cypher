// Withdraw a linkage entered in error, only if it is still at $version (the caller's
// If-Match; null for "*"). $id, $version. Row {id} when removed, none when stale.
MATCH (l:Linkage {id: $id})
  WHERE $version IS NULL OR coalesce(l.version, 1) = $version
WITH l, l.id AS id
DETACH DELETE l
RETURN id
