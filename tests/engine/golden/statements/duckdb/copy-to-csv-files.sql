COPY (
  SELECT "name" AS "c0", "n" AS "c1"
  FROM "entity:contact"
) TO '/tmp/clickhouse-0' (FORMAT csv, HEADER false, NULLSTR '\N', FORCE_QUOTE ("c0"), FILE_SIZE_BYTES 64000000, OVERWRITE_OR_IGNORE true)