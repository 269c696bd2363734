// Uniqueness of :Person.id (also the index every MERGE and lookup on it uses).
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE
