// Uniqueness of :Pairing.id (also the index every MERGE and lookup on it uses).
CREATE CONSTRAINT pairing_id IF NOT EXISTS FOR (n:Pairing) REQUIRE n.id IS UNIQUE
