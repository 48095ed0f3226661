CREATE TEMP VIEW "entity:contact#0" AS
SELECT CAST("id" AS TEXT) AS "id", "at" AT TIME ZONE 'UTC' AS "at", CAST("tags" AS TEXT[]) AS "tags"
FROM "crm"."contact"