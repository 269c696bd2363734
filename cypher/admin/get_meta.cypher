// The record of what was loaded under $key, or no row.
MATCH (m:Meta {key: $key})
RETURN m {.*, loaded_at: toString(m.loaded_at)} AS meta
