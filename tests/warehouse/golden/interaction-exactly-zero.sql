SELECT `c1`.`contactid` AS `id`
FROM `crm`.`contact` AS `c1`
GLOBAL ALL LEFT JOIN (
  SELECT `i0`.`ContactId` AS `link`, count() AS `value`
  FROM (
    SELECT *
    FROM `crm`.`interactions` AS `source`
    WHERE `source`.`InteractionType` = 'EmailOpened'
  ) AS `i0`
  WHERE (`i0`.`ContactId` IS NOT NULL) AND (`i0`.`Timestamp` <= toDateTime('2026-03-31 12:00:00', 'UTC'))
  GROUP BY `i0`.`ContactId`
) AS `m2` ON `m2`.`link` = `c1`.`contactid`
WHERE coalesce(`m2`.`value`, 0) = 0