SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE "c0"."birthdate" BETWEEN DATE '2026-02-28' AND DATE '2026-03-31'