// What was loaded, with which parameters. $key, $props (a map of primitives)
MERGE (m:Meta {key: $key})
SET m += $props, m.loaded_at = datetime()
