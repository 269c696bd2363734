// One object's audit records in scope, newest first, and how many there are, in one round
// trip: found through the entity_id index (an object has few records, so all are sorted; the
// time-index walk of list_audit would read the whole log to find them). $scope, $entity?,
// $entity_id, $start?, $end? (a window of instants, end excluded), $skip, $limit. One row
// {total, records}.
MATCH (a:Audit)
  USING INDEX a:Audit(entity_id)
WHERE a.entity_id = $entity_id
  AND (a.area_code IS NULL AND $scope = '' OR a.area_code STARTS WITH $scope)
  AND ($entity IS NULL OR a.entity = $entity)
  AND ($start IS NULL OR a.at >= $start) AND ($end IS NULL OR a.at < $end)
WITH a
  ORDER BY a.at DESC, a.id DESC
WITH collect(a) AS found
RETURN size(found) AS total,
       [a IN found[$skip..$skip + $limit] |
        a {.id, .token_id, .person_id, .actor, .action, .entity, .entity_id, .area_code,
           .before, .after, at: toString(a.at)}] AS records
