// Uniqueness of :Project.id (also the index every MERGE and lookup on it uses).
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE
