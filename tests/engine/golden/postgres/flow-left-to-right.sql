(
  (
    SELECT "c0"."contactid" AS "id"
    FROM "g1:entity:contact" AS "c0"
    WHERE lower("c0"."address1_city") = lower('seattle')
  )
  UNION
  (
    SELECT "c1"."contactid" AS "id"
    FROM "g1:entity:contact" AS "c1"
    WHERE lower("c1"."address1_city") = lower('paris')
  )
)
INTERSECT
(
  SELECT "c2"."contactid" AS "id"
  FROM "g1:entity:contact" AS "c2"
  WHERE "c2"."donotemail" = FALSE
)