// Areas with their tier label and PART_OF edge to the parent, which is loaded first.
// $rows: [{code, name, official_name, tier, label, kind, residents, parent_code}]; `label` is
// taken from the tier allow-list in orggraph.model, never from user input.
UNWIND $rows AS row
MERGE (a:Area {code: row.code})
SET a:$(row.label),
    a.name = row.name, a.official_name = row.official_name, a.tier = row.tier,
    a.kind = row.kind, a.residents = row.residents, a.parent_code = row.parent_code
WITH a, row WHERE row.parent_code IS NOT NULL
MATCH (p:Area {code: row.parent_code})
MERGE (a)-[:PART_OF]->(p)
