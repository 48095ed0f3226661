(
  (
    (
      SELECT "c0"."contactid" AS "id"
      FROM "g1:entity:contact" AS "c0"
      WHERE lower("c0"."address1_city") = lower('Seattle')
    )
    EXCEPT
    (
      SELECT "c1"."contactid" AS "id"
      FROM "g1:entity:contact" AS "c1"
      WHERE "c1"."donotemail" = TRUE
    )
  )
  UNION
  (
    SELECT "c1"."contactid" AS "id"
    FROM "g1:entity:contact" AS "c1"
    WHERE "c1"."contactid" IN (
      SELECT "i0"."ReferrerContactId"
      FROM "g1:interaction:EventRegistration" AS "i0"
      WHERE ("i0"."ReferrerContactId" IS NOT NULL) AND ("i0"."Timestamp" <= TIMESTAMP '2026-03-31 12:00:00.000')
      GROUP BY "i0"."ReferrerContactId"
      HAVING count(*) >= 1
    )
  )
)
INTERSECT
(
  SELECT "c1"."contactid" AS "id"
  FROM "g1:entity:contact" AS "c1"
  WHERE "c1"."contactid" IN (
    SELECT "i0"."ContactId"
    FROM "g1:interaction:EmailOpened" AS "i0"
    WHERE ("i0"."ContactId" IS NOT NULL) AND ("i0"."Timestamp" BETWEEN TIMESTAMP '2026-03-01 12:00:00.000' AND TIMESTAMP '2026-03-31 12:00:00.000')
    GROUP BY "i0"."ContactId"
    HAVING count(*) >= 2
  )
)