// A new linkage. $id, $agency_id, $area_code, $since, $until?. Row {id}.
MATCH (g:Agency {id: $agency_id}), (a:Area {code: $area_code})
CREATE (l:Linkage {id: $id, since: date($since), until: date($until), version: 1,
                   created_at: datetime()})
CREATE (l)-[:LINKS_AGENCY]->(g)
CREATE (l)-[:LINKS_AREA]->(a)
RETURN l.id AS id
