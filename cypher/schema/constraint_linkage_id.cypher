// Uniqueness of :Linkage.id (also the index every MERGE and lookup on it uses).
CREATE CONSTRAINT linkage_id IF NOT EXISTS FOR (n:Linkage) REQUIRE n.id IS UNIQUE
