// Partial-name search over agencies.
CREATE TEXT INDEX agency_name_text IF NOT EXISTS FOR (n:Agency) ON (n.name)
