SELECT "c0"."contactid" AS "id"
FROM "g1:entity:contact" AS "c0"
WHERE list_has_all(list_transform("c0"."interests", lambda x: lower(x)), [lower('golf'), lower('wine')])