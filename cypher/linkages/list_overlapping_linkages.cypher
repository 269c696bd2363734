// Linkages of the same agency and area overlapping [$since, $until]. $agency_id, $area_code.
// Rows {id, since, until}.
MATCH (g:Agency {id: $agency_id})<-[:LINKS_AGENCY]-(l:Linkage)-[:LINKS_AREA]->
      (:Area {code: $area_code})
WHERE (l.until IS NULL OR l.until >= date($since)) AND ($until IS NULL OR l.since <= date($until))
RETURN l.id AS id, toString(l.since) AS since, toString(l.until) AS until
