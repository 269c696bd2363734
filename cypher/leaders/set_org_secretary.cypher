// Replace the secretary of a Party org: the old one ends on $since. $org_id, $person_id,
// $since. Row {since}.
MATCH (o:PartyOrg {id: $org_id}), (p:Person {id: $person_id})
OPTIONAL MATCH (:Person)-[old:SECRETARY_OF]->(o)
WHERE old.until IS NULL
SET old.until = date($since)
WITH DISTINCT o, p
CREATE (p)-[r:SECRETARY_OF {since: date($since)}]->(o)
RETURN toString(r.since) AS since
