// People by name (rosters are matched on names and ids).
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)
