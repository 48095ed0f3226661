SELECT `c1`.`contactid` AS `id`
FROM `crm`.`contact` AS `c1`
WHERE `c1`.`contactid` GLOBAL IN (
  SELECT `i0`.`ContactId`
  FROM (
    SELECT *
    FROM `crm`.`interactions` AS `source`
    WHERE `source`.`InteractionType` = 'EmailClicked'
  ) AS `i0`
  WHERE (`i0`.`ContactId` IS NOT NULL) AND (`i0`.`Timestamp` <= toDateTime('2026-03-31 12:00:00', 'UTC'))
  GROUP BY `i0`.`ContactId`
  HAVING uniqExactIf(`i0`.`Tags`, NOT arrayExists(element -> isNull(element), `i0`.`Tags`)) >= 1
)