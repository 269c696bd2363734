// Uniqueness of :Event.id (also the index every step and lookup on it uses).
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE
