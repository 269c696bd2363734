// Uniqueness of :Meta.key (also the index every MERGE and lookup on it uses).
CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (n:Meta) REQUIRE n.key IS UNIQUE
