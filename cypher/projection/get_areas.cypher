// Every area in scope with its parent, for the analysis graph. $scope. One row {areas:
// [[code, name, tier, kind, residents, parent_code]]}.
MATCH (a:Area)
WHERE a.code STARTS WITH $scope
RETURN collect([a.code, a.name, a.tier, a.kind, a.residents, a.parent_code]) AS areas
