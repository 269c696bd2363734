// Areas by tier: lists filtered by tier, and the residents roll-up.
CREATE INDEX area_tier IF NOT EXISTS FOR (n:Area) ON (n.tier)
