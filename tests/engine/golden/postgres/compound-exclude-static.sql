(
  SELECT "c0"."contactid" AS "id"
  FROM "g1:entity:contact" AS "c0"
  WHERE lower("c0"."address1_city") = lower('seattle')
)
EXCEPT
(
  SELECT "c0"."contactid" AS "id"
  FROM "g1:entity:contact" AS "c0"
  WHERE "c0"."contactid" IN ('c2', 'c99')
)