// Delete every node and relationship, in batches (auto-commit only): for a restore that
// replaces the graph.
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
