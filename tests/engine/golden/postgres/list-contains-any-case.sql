SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE ((CASE WHEN "c0"."interests" IS NULL THEN NULL ELSE ARRAY(SELECT lower(x) FROM unnest("c0"."interests") AS u(x)) END) && ARRAY[lower('WINE')]::TEXT[])