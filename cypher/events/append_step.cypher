// Record one step and the event's new state, its version (the step's number) included; null
// values in $changes remove properties.
// $id, $changes, $step. Row {version}.
MATCH (e:Event {id: $id})
SET e += $changes
CREATE (e)-[:HAS_STEP]->(s:Step)
SET s = $step
RETURN e.version AS version
