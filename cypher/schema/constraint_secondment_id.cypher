// Uniqueness of :Secondment.id (also the index every MERGE and lookup on it uses).
CREATE CONSTRAINT secondment_id IF NOT EXISTS FOR (n:Secondment) REQUIRE n.id IS UNIQUE
