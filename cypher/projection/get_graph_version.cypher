// What changes whenever what the projection reads does: the seed's load time and the network
// version (projection/move_network_version: moved by every change but events' and tokens',
// which the projection does not read). One row {seed, changes, mark}.
OPTIONAL MATCH (s:Meta {key: 'seed'})
OPTIONAL MATCH (n:Meta {key: 'network'})
RETURN toString(s.loaded_at) AS seed, n.changes AS changes, n.mark AS mark
