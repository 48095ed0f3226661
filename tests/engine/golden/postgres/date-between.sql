SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE "c0"."birthdate" BETWEEN DATE '1980-01-01' AND DATE '1990-12-31'