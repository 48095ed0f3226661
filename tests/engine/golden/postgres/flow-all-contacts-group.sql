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
  WHERE ((CASE WHEN "c2"."interests" IS NULL THEN NULL ELSE ARRAY(SELECT lower(x) FROM unnest("c2"."interests") AS u(x)) END) && ARRAY[lower('golf')]::TEXT[])
)