// Partial search on official names too (`q` in GET /areas, e.g. 居委会): a text index.
CREATE TEXT INDEX area_official_name_text IF NOT EXISTS FOR (n:Area) ON (n.official_name)
