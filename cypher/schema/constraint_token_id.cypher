// Uniqueness of :Token.id (the public name of a token, shown in lists and the audit trail).
CREATE CONSTRAINT token_id IF NOT EXISTS FOR (n:Token) REQUIRE n.id IS UNIQUE
