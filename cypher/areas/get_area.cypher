// One area in scope with its path (root first), current leaders (unit/grid leaders and the
// secretaries of its own Party orgs) and the Party orgs mirrored on or covering it.
// $code, $scope (code prefix; '' for everything). One row {area, path, leaders, party_orgs} or none.
MATCH (a:Area {code: $code})
WHERE a.code STARTS WITH $scope
CALL (a) {
  MATCH path = (a)-[:PART_OF*0..5]->(root:Area)
  WHERE NOT (root)-[:PART_OF]->()
  RETURN [n IN reverse(nodes(path)) | n {.code, .name, .tier}] AS path
}
CALL (a) {
  OPTIONAL MATCH (p:Person)-[r:LEADS]->(a)
  WHERE r.until IS NULL
  RETURN collect(p {.id, .name, role: r.role}) AS leads
}
CALL (a) {
  OPTIONAL MATCH (o:PartyOrg)-[:ORG_OF]->(a)
  OPTIONAL MATCH (s:Person)-[r:SECRETARY_OF]->(o)
  WHERE r.until IS NULL
  RETURN collect(DISTINCT s {.id, .name, role: 'secretary'}) AS secretaries
}
CALL (a) {
  OPTIONAL MATCH (o:PartyOrg)-[rel:ORG_OF|COVERS]->(a)
  RETURN collect(o {.id, .name, .kind, joint: type(rel) = 'COVERS'}) AS party_orgs
}
RETURN a {.code, .name, .official_name, .tier, .kind, .residents, .parent_code} AS area,
       path, leads + secretaries AS leaders, party_orgs
