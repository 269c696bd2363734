// Number of areas per tier below an area. $code, $prefix (its subtree prefix). Rows {tier, n}.
MATCH (d:Area)
WHERE d.code STARTS WITH $prefix AND d.code <> $code
RETURN d.tier AS tier, count(*) AS n
