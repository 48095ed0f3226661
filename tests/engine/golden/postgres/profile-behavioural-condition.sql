SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE (lower("c0"."address1_city") = lower('seattle')) AND ("c0"."contactid" IN (
  SELECT "c2"."contactid" AS "id"
  FROM "g1:entity:contact" AS "c2"
  WHERE "c2"."contactid" IN (
    SELECT "i1"."ContactId"
    FROM "g1:interaction:EmailOpened" AS "i1"
    WHERE ("i1"."ContactId" IS NOT NULL) AND ("i1"."Timestamp" <= TIMESTAMP '2026-03-31 12:00:00.000')
    GROUP BY "i1"."ContactId"
    HAVING count(*) >= 1
  )
))