// Withdraw a secondment entered in error (the person stays), only if it is still at $version
// (the caller's If-Match; null for "*"). $id, $version. Row {id} when removed, none when stale.
MATCH (s:Secondment {id: $id})
  WHERE $version IS NULL OR coalesce(s.version, 1) = $version
WITH s, s.id AS id
DETACH DELETE s
RETURN id
