// What changes whenever a month's points ranking could, in one row: the analyses' version
// (projection/get_graph_version: the seed's load time, and the network's changes and mark,
// moved by any change to leaders, units or people), the number of steps (every change to an
// event is a new step; counted from the count store, in constant time) and the newest audit
// record, from the end of the audit_at index. The newest record alone would not do: its time
// is its transaction's start, and one that started earlier may commit later. It is there
// because counts repeat: two histories grown from one restored backup by as many steps differ
// in it (each record's id is drawn afresh).
OPTIONAL MATCH (seed:Meta {key: 'seed'})
OPTIONAL MATCH (network:Meta {key: 'network'})
CALL () {
  MATCH (s:Step)
  RETURN count(s) AS steps
}
CALL () {
  OPTIONAL MATCH (a:Audit)
    WHERE a.at IS NOT NULL
  WITH a
    ORDER BY a.at DESC
    LIMIT 1
  RETURN a.id AS newest
}
RETURN toString(seed.loaded_at) AS seed, network.changes AS changes, network.mark AS mark,
       steps, newest
