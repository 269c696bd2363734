// Restore nodes. $rows: [{id, labels, props, datetimes: {key: ISO}, dates: {key: ISO}}]; each
// node is also labelled Restoring with its backup id, so relationships can find it.
// Labels are data of the backup, given as a parameter (dynamic labels), never query text.
UNWIND $rows AS row
CREATE (n:$(row.labels + ['Restoring']))
SET n = row.props, n._backup_id = row.id
FOREACH (k IN keys(row.datetimes) | SET n[k] = datetime(row.datetimes[k]))
FOREACH (k IN keys(row.dates) | SET n[k] = date(row.dates[k]))
