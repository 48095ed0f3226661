SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE lower("c0"."address1_city") = lower('100% O''BRIEN_\')