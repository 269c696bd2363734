// Record one step and the event's new state (null values in $changes remove properties).
// $id, $changes, $step. Row {version}.
MATCH (e:Event {id: $id})
SET e += $changes, e.version = e.version + 1
CREATE (e)-[:HAS_STEP]->(s:Step)
SET s = $step
RETURN e.version AS version
