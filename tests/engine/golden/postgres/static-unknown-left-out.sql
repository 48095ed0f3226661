SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE "c0"."contactid" IN ('c2', 'c99')