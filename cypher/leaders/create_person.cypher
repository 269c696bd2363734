// A new person. $id, $name, $phone?, $party_member?. Row {person}.
CREATE (p:Person {id: $id, name: $name, phone: $phone, party_member: $party_member})
RETURN p {.id, .name} AS person
