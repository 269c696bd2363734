// One page of one agency's pairings with communities in scope and how many there are in all,
// anchored on the agency. $agency, $prefix (community, within, or ''), $scope, $active_on?,
// $skip, $limit. One row {total, items}.
MATCH (g:Agency {id: $agency})<-[:ORG_OF]-(:PartyOrg)<-[:AGENCY_ORG]-(pr:Pairing)
WHERE $active_on IS NULL OR (pr.since <= date($active_on)
      AND (pr.until IS NULL OR pr.until >= date($active_on)))
MATCH (pr)-[:COMMUNITY_ORG]->(:PartyOrg)-[:ORG_OF]->(c:Community)
WHERE c.code STARTS WITH $prefix AND c.code STARTS WITH $scope
WITH pr, c, g
ORDER BY c.code, pr.since, pr.id
WITH collect([pr, c, g]) AS rows
WITH size(rows) AS total, rows[$skip..$skip + $limit] AS page
CALL (page) {
  UNWIND page AS row
  WITH row[0] AS pr, row[1] AS c, row[2] AS g
  RETURN collect(pr {.id, version: coalesce(pr.version, 1),
           agency: g {.id, .name, .tier}, community: c {.code, .name},
           since: toString(pr.since), until: toString(pr.until),
           projects: COLLECT {
             MATCH (pr)-[:HAS_PROJECT]->(x)
             // By date, then as numbered: the ids share the pairing's prefix, so the
             // shorter number comes first (p2 before p10).
             WITH x ORDER BY x.date, size(x.id), x.id
             RETURN x {.id, .title, .amount, .funded_by, date: toString(x.date)}}}) AS items
}
RETURN total, items
