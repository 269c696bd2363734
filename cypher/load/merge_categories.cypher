// Event categories. $rows: [{key, label}]
UNWIND $rows AS row
MERGE (c:Category {key: row.key})
SET c.label = row.label
