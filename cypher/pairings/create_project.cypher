// A co-building project on a pairing; bumps the pairing's version. Its id is the pairing's
// next project number, never one a withdrawn project had: `projects_made` counts them (a
// pairing that has none yet has only ever had projects added, numbered 1 to its count).
// $pairing_id, $title, $amount, $funded_by, $date, $version?. Row {id} or none if stale.
MATCH (pr:Pairing {id: $pairing_id})
WHERE $version IS NULL OR coalesce(pr.version, 1) = $version
WITH pr, coalesce(pr.projects_made, COUNT { (pr)-[:HAS_PROJECT]->() }) + 1 AS n
CREATE (x:Project {id: pr.id + '-p' + toString(n), title: $title, amount: $amount,
                   funded_by: $funded_by, date: date($date)})
CREATE (pr)-[:HAS_PROJECT]->(x)
SET pr.version = coalesce(pr.version, 1) + 1, pr.projects_made = n
RETURN x.id AS id
