// Withdraw project $id, entered in error, from pairing $pairing_id, only if the pairing is
// still at $version (the caller's If-Match; null for "*"); bumps the pairing's version and
// keeps its project count, so the number is not given out again.
// $pairing_id, $id, $version. Row {id} when removed, none when stale.
MATCH (pr:Pairing {id: $pairing_id})-[:HAS_PROJECT]->(x:Project {id: $id})
  WHERE $version IS NULL OR coalesce(pr.version, 1) = $version
SET pr.projects_made = coalesce(pr.projects_made, COUNT { (pr)-[:HAS_PROJECT]->() }),
    pr.version = coalesce(pr.version, 1) + 1
DETACH DELETE x
RETURN $id AS id
