// A co-building project on a pairing; bumps the pairing's version.
// $pairing_id, $id, $title, $amount, $funded_by, $date, $version?. Row {id} or none if stale.
MATCH (pr:Pairing {id: $pairing_id})
WHERE $version IS NULL OR coalesce(pr.version, 1) = $version
CREATE (x:Project {id: $id, title: $title, amount: $amount, funded_by: $funded_by,
                   date: date($date)})
CREATE (pr)-[:HAS_PROJECT]->(x)
SET pr.version = coalesce(pr.version, 1) + 1
RETURN x.id AS id
