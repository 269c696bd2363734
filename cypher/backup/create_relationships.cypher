// Restore relationships between nodes restored by create_nodes. $rows: [{start, type, end,
// props, datetimes, dates}]; the type is a parameter (dynamic type), never query text.
UNWIND $rows AS row
MATCH (a:Restoring {_backup_id: row.start}), (b:Restoring {_backup_id: row.end})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
FOREACH (k IN keys(row.datetimes) | SET r[k] = datetime(row.datetimes[k]))
FOREACH (k IN keys(row.dates) | SET r[k] = date(row.dates[k]))
