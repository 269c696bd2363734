// Partial-name search over areas (`q` in GET /areas): a text index serves CONTAINS.
CREATE TEXT INDEX area_name_text IF NOT EXISTS FOR (n:Area) ON (n.name)
