CREATE VIEW `interaction:Opened` AS
SELECT assumeNotNull(toString(`source`.`id`)) AS `id`, toInt64(`source`.`at`) * 1000000 AS `Timestamp`, arrayMap(element -> lowerUTF8(element), arrayFilter(element -> isNotNull(element), `source`.`tags`)) AS `lowered:tags`, if(isNull(`source`.`x`), CAST(NULL AS Nullable(Int8)), toNullable(toInt8(1))) AS `x`
FROM `crm`.`events` AS `source`
WHERE toString(`source`.`kind`) = 'Opened'