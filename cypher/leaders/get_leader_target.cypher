// The unit or grid (by code) or Party org (by id) whose leader is being set, in scope, locked
// so that two replacements are serialised, with its current holder.
// $code?, $org_id?, $role, $scope. Row {target, current} or none.
OPTIONAL MATCH (a:Area {code: $code})
WHERE a.code STARTS WITH $scope AND a.tier IN ['unit', 'grid']
OPTIONAL MATCH (o:PartyOrg {id: $org_id})-[:ORG_OF]->(oa:Area)
WHERE oa.code STARTS WITH $scope
WITH coalesce(a, o) AS t, coalesce(a.code, oa.code) AS area_code
WHERE t IS NOT NULL
SET t._lock = true REMOVE t._lock
WITH t, area_code
OPTIONAL MATCH (p:Person)-[r:LEADS|SECRETARY_OF]->(t)
WHERE r.until IS NULL AND (type(r) = 'SECRETARY_OF' OR r.role = $role)
RETURN t {.code, .id, .name, .tier, .kind, area_code: area_code} AS target,
       CASE WHEN p IS NULL THEN null
            ELSE {id: p.id, name: p.name, since: toString(r.since)} END AS current
