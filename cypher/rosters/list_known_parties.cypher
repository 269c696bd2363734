// Which of the given agencies, communities/areas and people exist (areas: in scope).
// $agency_ids, $area_codes, $person_ids, $scope. Row {agencies: {id: org_id}, areas: {code: tier},
// people: [id]}.
CALL () {
  UNWIND $agency_ids AS id
  MATCH (g:Agency {id: id})
  OPTIONAL MATCH (o:PartyOrg)-[:ORG_OF]->(g)
  RETURN collect([g.id, o.id]) AS agencies
}
CALL () {
  UNWIND $area_codes AS code
  MATCH (a:Area {code: code})
  WHERE a.code STARTS WITH $scope
  OPTIONAL MATCH (o:PartyOrg)-[:ORG_OF]->(a)
  RETURN collect([a.code, a.tier, o.id]) AS areas
}
CALL () {
  UNWIND $person_ids AS id
  MATCH (p:Person {id: id})
  RETURN collect(p.id) AS people
}
RETURN agencies, areas, people
