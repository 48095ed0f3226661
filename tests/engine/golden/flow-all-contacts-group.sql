(
  (
    SELECT "c0"."contactid" AS "id"
    FROM "g1:entity:contact" AS "c0"
  )
  EXCEPT
  (
    SELECT "c1"."contactid" AS "id"
    FROM "g1:entity:contact" AS "c1"
    WHERE lower("c1"."address1_city") = lower('seattle')
  )
)
UNION
(
  SELECT "c2"."contactid" AS "id"
  FROM "g1:entity:contact" AS "c2"
  WHERE list_has_any(list_transform("c2"."interests", lambda x: lower(x)), [lower('golf')])
)