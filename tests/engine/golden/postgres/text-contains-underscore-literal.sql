SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE (strpos(lower("c0"."address1_city"), lower('_')) > 0)