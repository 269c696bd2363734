// For each of $rows ({i, unit_code, person_id, scope}), the unit an event is to be collected in
// (within that row's scope) and the person reporting it. Rows {i, unit, person}; nulls for what
// is missing.
UNWIND $rows AS row
OPTIONAL MATCH (u:Area:Unit {code: row.unit_code})
  WHERE u.code STARTS WITH row.scope
OPTIONAL MATCH (p:Person {id: row.person_id})
RETURN row.i AS i, u {.code, .name} AS unit, p {.id, .name} AS person
