// What changes whenever the graph does: the seed's load time, the number of audited changes and
// the latest one (every change writes an audit record). One row {seed, changes, last}.
OPTIONAL MATCH (m:Meta {key: 'seed'})
CALL () {
  MATCH (a:Audit)
  RETURN count(a) AS changes
}
CALL () {
  OPTIONAL MATCH (a:Audit)
  WHERE a.at IS NOT NULL
  RETURN a.id AS last
  ORDER BY a.at DESC
  LIMIT 1
}
RETURN toString(m.loaded_at) AS seed, changes, last
