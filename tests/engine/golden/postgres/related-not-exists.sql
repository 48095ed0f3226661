SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE NOT coalesce("c0"."parentcustomerid" IN (
  SELECT "r1"."accountid"
  FROM "g1:entity:account" AS "r1"
  WHERE "r1"."accountid" IS NOT NULL
), FALSE)