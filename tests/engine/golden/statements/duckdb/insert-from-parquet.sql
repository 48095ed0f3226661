INSERT INTO "memory"."main"."g1:staging:0:contact"
SELECT "id", CAST(NULL AS BOOLEAN) AS "flag"
FROM read_parquet('/tmp/chunk-0.parquet')