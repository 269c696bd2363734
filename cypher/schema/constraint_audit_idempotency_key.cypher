// One change per (token, Idempotency-Key): a second concurrent attempt fails at commit.
CREATE CONSTRAINT audit_idempotency_key IF NOT EXISTS FOR (n:Audit) REQUIRE n.idempotency_key IS UNIQUE
