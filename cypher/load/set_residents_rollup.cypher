// Residents of every area of one tier as the sum over its children. $tier: town|district|city
MATCH (p:Area {tier: $tier})
CALL (p) {
  MATCH (c:Area)-[:PART_OF]->(p)
  RETURN sum(c.residents) AS residents
}
SET p.residents = residents
