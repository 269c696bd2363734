// Block until every index is online (after the schema is applied), up to 300 s.
CALL db.awaitIndexes(300)
