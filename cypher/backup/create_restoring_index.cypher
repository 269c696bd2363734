// The lookup index restored relationships use while a restore runs.
CREATE INDEX restoring_backup_id IF NOT EXISTS FOR (n:Restoring) ON (n._backup_id)
