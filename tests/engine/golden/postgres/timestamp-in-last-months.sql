SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE "c0"."createdon" BETWEEN TIMESTAMP '2025-12-31 12:00:00.000' AND TIMESTAMP '2026-03-31 12:00:00.000'