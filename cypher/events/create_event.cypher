// A new event in its unit with its first step. $event, $step: maps of properties.
MATCH (u:Area:Unit {code: $event.unit_code})
CREATE (e:Event)-[:IN]->(u)
SET e = $event
CREATE (e)-[:HAS_STEP]->(s:Step)
SET s = $step
RETURN e.id AS id
