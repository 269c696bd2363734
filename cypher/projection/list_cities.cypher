// The cities in the graph, for the projections a server builds when it starts. One row per
// city {code}, by code.
MATCH (a:Area {tier: 'city'})
RETURN a.code AS code
ORDER BY code
