// Uniqueness of :Token.hash (tokens are looked up by the hash of what the caller presents).
CREATE CONSTRAINT token_hash IF NOT EXISTS FOR (n:Token) REQUIRE n.hash IS UNIQUE
