// Correct project $id of pairing $pairing_id, only if the pairing is still at $version (the
// caller's If-Match; null for none): each of $title, $amount, $funded_by and $date that is not
// null replaces what is stored. Bumps the pairing's version. Row {id}, or none when stale.
MATCH (pr:Pairing {id: $pairing_id})-[:HAS_PROJECT]->(x:Project {id: $id})
  WHERE $version IS NULL OR coalesce(pr.version, 1) = $version
SET x.title = coalesce($title, x.title), x.amount = coalesce($amount, x.amount),
    x.funded_by = coalesce($funded_by, x.funded_by),
    x.date = CASE WHEN $date IS NULL THEN x.date ELSE date($date) END,
    pr.version = coalesce(pr.version, 1) + 1
RETURN x.id AS id
