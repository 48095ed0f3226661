SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE NOT list_has_any(list_transform("c0"."interests", lambda x: lower(x)), [lower('wine')])