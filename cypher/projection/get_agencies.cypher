// Agencies serving the scope (jurisdiction inside it or covering it), with competences and the
// person heading each (its Party secretary, else its first staff). $scope. One row {agencies:
// [[id, name, tier, kind, jurisdiction, categories, head, head_name]]}.
MATCH (g:Agency)-[:JURISDICTION]->(j:Area)
WHERE j.code STARTS WITH $scope
   OR $scope STARTS WITH (CASE j.tier WHEN 'city' THEN left(j.code, 4) ELSE j.code END)
OPTIONAL MATCH (s:Person)-[sr:SECRETARY_OF]->(:PartyOrg)-[:ORG_OF]->(g)
WHERE sr.until IS NULL
WITH g, j, head(collect(s)) AS head
RETURN collect([g.id, g.name, g.tier, g.kind, j.code, [(g)-[:COMPETENT_FOR]->(c) | c.key],
                head.id, head.name]) AS agencies
