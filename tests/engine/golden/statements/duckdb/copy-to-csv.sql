COPY (
  SELECT CASE WHEN "tags" IS NULL THEN NULL ELSE ('{' || array_to_string(list_transform("tags", lambda x: lower(x)), ',')) || '}' END AS "tags", CAST(datediff('day', DATE '1970-01-01', "d") AS INTEGER) AS "d", epoch_us("ts") AS "ts", list_filter("tags", lambda x: x IS NOT NULL) AS "kept"
  FROM "contact"
) TO '/tmp/copy-0.csv' (FORMAT csv, HEADER false)