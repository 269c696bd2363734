// Communities by code prefix: partnership lookups start from the communities in scope.
CREATE INDEX community_code IF NOT EXISTS FOR (n:Community) ON (n.code)
