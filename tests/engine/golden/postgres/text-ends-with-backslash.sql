SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE (right(lower("c0"."address1_city"), length(lower('_\'))) = lower('_\'))