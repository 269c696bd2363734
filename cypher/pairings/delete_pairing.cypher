// Withdraw a pairing entered in error, with its projects, only if it is still at $version
// (the caller's If-Match; null for "*"). $id, $version. Row {id} when removed, none when stale.
MATCH (pr:Pairing {id: $id})
  WHERE $version IS NULL OR coalesce(pr.version, 1) = $version
OPTIONAL MATCH (pr)-[:HAS_PROJECT]->(x:Project)
WITH pr, pr.id AS id, collect(x) AS projects
FOREACH (x IN projects | DETACH DELETE x)
DETACH DELETE pr
RETURN id
