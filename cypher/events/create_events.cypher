// Many new events, each with its first step. $rows: [{event, step}] (maps of properties).
UNWIND $rows AS row
MATCH (u:Area:Unit {code: row.event.unit_code})
CREATE (e:Event)-[:IN]->(u)
SET e = row.event
CREATE (e)-[:HAS_STEP]->(s:Step)
SET s = row.step
RETURN count(e) AS n
