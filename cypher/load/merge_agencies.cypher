// Agencies, their jurisdiction and competences.
// $rows: [{id, name, tier, kind, jurisdiction_code, categories: [key]}]
UNWIND $rows AS row
MERGE (g:Agency {id: row.id})
SET g.name = row.name, g.tier = row.tier, g.kind = row.kind
WITH g, row
MATCH (a:Area {code: row.jurisdiction_code})
MERGE (g)-[:JURISDICTION]->(a)
WITH g, row
UNWIND row.categories AS key
MATCH (c:Category {key: key})
MERGE (g)-[:COMPETENT_FOR]->(c)
