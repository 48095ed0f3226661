SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE "c0"."parentcustomerid" IN (
  SELECT "r1"."accountid"
  FROM "g1:entity:account" AS "r1"
  WHERE ("r1"."revenue" >= 1000000) AND ("r1"."industrycode" = 3)
)