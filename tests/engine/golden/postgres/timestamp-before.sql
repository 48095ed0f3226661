SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE "c0"."createdon" < TIMESTAMP '2026-03-01 00:00:00.000'