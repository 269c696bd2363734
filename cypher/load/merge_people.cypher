// People. $rows: [{id, name, gender, birth_year, phone, party_member, retired_cadre}]
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p.name = row.name, p.gender = row.gender, p.birth_year = row.birth_year,
    p.phone = row.phone, p.party_member = row.party_member, p.retired_cadre = row.retired_cadre
