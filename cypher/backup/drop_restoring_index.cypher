// The restore's lookup index, dropped once the restore is done.
DROP INDEX restoring_backup_id IF EXISTS
