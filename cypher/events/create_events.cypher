// Events collected one by one and written together (orggraph.grouping), each with its first
// step and its audit record. $rows: [{event, step, audit}], maps as made by
// orggraph.events.new_event with times and dates as ISO strings (orggraph.events.wire) and by
// orggraph.audit.entry. The Idempotency-Key is unique, so a concurrent replay of the same
// request fails here. A batch from one token is written by create_event_batch.
// Properties are listed one by one: a map-valued SET would make the planner materialise every
// row between operators (Eager), several times slower on large batches.
UNWIND $rows AS row
WITH row, row.event AS ev, row.step AS st
MATCH (u:Area:Unit {code: ev.unit_code})
CREATE (e:Event {
  id: ev.id, unit_code: ev.unit_code, category: ev.category, summary: ev.summary,
  status: ev.status, level: ev.level, area_code: ev.area_code, reporter_id: ev.reporter_id,
  reporter_name: ev.reporter_name, collected_at: datetime(ev.collected_at),
  collected_on: date(ev.collected_on), due_at: datetime(ev.due_at),
  flagged: ev.flagged, overdue_steps: ev.overdue_steps, self_closed: ev.self_closed,
  verified: ev.verified, returned_by: ev.returned_by, version: ev.version,
  tally: ev.tally})-[:IN]->(u)
CREATE (e)-[:HAS_STEP]->(:Step {
  id: st.id, event_id: st.event_id, seq: st.seq, action: st.action, level: st.level,
  area_code: st.area_code, unit_code: st.unit_code, by_id: st.by_id, by_name: st.by_name,
  at: datetime(st.at), month: st.month, late: st.late, token_id: st.token_id})
WITH e, row.audit AS au
CREATE (:Audit {
  id: au.id, at: datetime(), token_id: au.token_id, person_id: au.person_id,
  actor: au.actor, action: au.action, entity: au.entity, entity_id: au.entity_id,
  area_code: au.area_code, before: au.before, after: au.after, answer: au.answer,
  idempotency_key: CASE WHEN au.idempotency_key IS NULL THEN null
                   ELSE au.token_id + '|' + au.idempotency_key END,
  request_hash: au.request_hash})
RETURN count(e) AS n
