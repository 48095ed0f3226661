SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE "c0"."contactid" IN (
  SELECT "r1"."managerid"
  FROM "g1:entity:contact" AS "r1"
  WHERE (lower("r1"."address1_city") = lower('seattle')) AND ("r1"."donotemail" = TRUE)
)