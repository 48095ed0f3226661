SELECT "c1"."contactid" AS "id"
FROM "g1:entity:contact" AS "c1"
LEFT JOIN (
  SELECT "i0"."ContactId" AS "link", count(DISTINCT "i0"."MessageId") AS "value"
  FROM "g1:interaction:EventRegistration" AS "i0"
  WHERE ("i0"."ContactId" IS NOT NULL) AND ("i0"."Timestamp" <= TIMESTAMP '2026-03-31 12:00:00.000')
  GROUP BY "i0"."ContactId"
) AS "m2" ON "m2"."link" = "c1"."contactid"
WHERE coalesce("m2"."value", 0) = 0