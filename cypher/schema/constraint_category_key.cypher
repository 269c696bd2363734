// Uniqueness of :Category.key (also the index every MERGE and lookup on it uses).
CREATE CONSTRAINT category_key IF NOT EXISTS FOR (n:Category) REQUIRE n.key IS UNIQUE
