// An agency an event might be dispatched to: its jurisdiction, competence, and whether it is
// a partner (paired, linked, or with a secondee) of $community. $agency_id, $community.
// Row {agency} or none.
MATCH (g:Agency {id: $agency_id})-[:JURISDICTION]->(j:Area)
OPTIONAL MATCH (g)-[:COMPETENT_FOR]->(c:Category)
WITH g, j, collect(c.key) AS categories
RETURN g {.id, .name, .tier, jurisdiction: j.code, categories: categories,
          partner: EXISTS {
            MATCH (g)<-[:ORG_OF]-(:PartyOrg)<-[:AGENCY_ORG]-(pr:Pairing)-[:COMMUNITY_ORG]->
                  (:PartyOrg)-[:ORG_OF]->(:Community {code: $community})
              WHERE pr.until IS NULL
          } OR EXISTS {
            MATCH (g)<-[:LINKS_AGENCY]-(l:Linkage)-[:LINKS_AREA]->(:Area {code: $community})
              WHERE l.until IS NULL
          } OR EXISTS {
            MATCH (g)<-[:FROM_AGENCY]-(s:Secondment)-[:TO_AREA]->(:Area {code: $community})
              WHERE s.until IS NULL
          }} AS agency
