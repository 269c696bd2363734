// After a restore: remove the restore's label and ids, in batches (auto-commit only).
MATCH (n:Restoring)
CALL (n) {
  REMOVE n:Restoring, n._backup_id
} IN TRANSACTIONS OF 10000 ROWS
