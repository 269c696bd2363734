// Uniqueness of :Area.code (also the index every MERGE and lookup on it uses).
CREATE CONSTRAINT area_code IF NOT EXISTS FOR (n:Area) REQUIRE n.code IS UNIQUE
