// Co-building projects of a pairing. $rows: [{id, pairing_id, title, amount, funded_by, date}]
UNWIND $rows AS row
MATCH (pr:Pairing {id: row.pairing_id})
MERGE (x:Project {id: row.id})
SET x.title = row.title, x.amount = row.amount, x.funded_by = row.funded_by,
    x.date = date(row.date)
MERGE (pr)-[:HAS_PROJECT]->(x)
