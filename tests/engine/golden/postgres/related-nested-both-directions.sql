SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE "c0"."parentcustomerid" IN (
  SELECT "r1"."accountid"
  FROM "g1:entity:account" AS "r1"
  WHERE "r1"."accountid" IN (
    SELECT "r2"."parentcustomerid"
    FROM "g1:entity:contact" AS "r2"
    WHERE "r2"."donotemail" = TRUE
  )
)