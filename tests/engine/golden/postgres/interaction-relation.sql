SELECT "c1"."contactid" AS "id"
FROM "g1:entity:contact" AS "c1"
WHERE "c1"."contactid" IN (
  SELECT "i0"."ReferrerContactId"
  FROM "g1:interaction:EventRegistration" AS "i0"
  WHERE ("i0"."ReferrerContactId" IS NOT NULL) AND ("i0"."Timestamp" <= TIMESTAMP '2026-03-31 12:00:00.000')
  GROUP BY "i0"."ReferrerContactId"
  HAVING count(*) >= 1
)