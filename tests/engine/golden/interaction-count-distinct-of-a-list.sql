SELECT "c1"."contactid" AS "id"
FROM "g1:entity:contact" AS "c1"
WHERE "c1"."contactid" IN (
  SELECT "i0"."ContactId"
  FROM "g1:interaction:EmailClicked" AS "i0"
  WHERE ("i0"."ContactId" IS NOT NULL) AND ("i0"."Timestamp" <= TIMESTAMP '2026-03-31 12:00:00.000')
  GROUP BY "i0"."ContactId"
  HAVING count(DISTINCT "i0"."Tags") FILTER (WHERE "i0"."Tags" IS NOT NULL) >= 1
)