// Uniqueness of :Step.id (event id and sequence number), so a step is never stored twice.
CREATE CONSTRAINT step_id IF NOT EXISTS FOR (n:Step) REQUIRE n.id IS UNIQUE
