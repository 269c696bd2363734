// Uniqueness of :Agency.id (also the index every MERGE and lookup on it uses).
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE
