(
  SELECT "c0"."contactid" AS "id"
  FROM "g1:entity:contact" AS "c0"
  WHERE lower("c0"."address1_city") = lower('Seattle')
)
EXCEPT
(
  SELECT "c1"."contactid" AS "id"
  FROM "g1:entity:contact" AS "c1"
  WHERE "c1"."donotemail" = TRUE
)