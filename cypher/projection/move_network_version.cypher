// Move the version the analyses' projections are keyed on (projection/get_graph_version), in
// the transaction of a change to what they read. The mark is drawn afresh each time, so two
// graphs share a version only when they come from the same change: a backup restored over
// later changes, or into another database, is a version of its own (and needs no move: it
// brings its mark with it, and the graph it brings is the one that mark was drawn for).
MERGE (m:Meta {key: 'network'})
SET m.changes = coalesce(m.changes, 0) + 1, m.mark = randomUUID(), m.at = datetime()
