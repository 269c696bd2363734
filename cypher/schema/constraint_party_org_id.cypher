// Uniqueness of :PartyOrg.id (also the index every MERGE and lookup on it uses).
CREATE CONSTRAINT party_org_id IF NOT EXISTS FOR (n:PartyOrg) REQUIRE n.id IS UNIQUE
