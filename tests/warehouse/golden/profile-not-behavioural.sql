SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE NOT coalesce(`c0`.`contactid` GLOBAL IN (
  SELECT `c2`.`contactid` AS `id`
  FROM `crm`.`contact` AS `c2`
  WHERE `c2`.`contactid` GLOBAL IN (
    SELECT `i1`.`ContactId`
    FROM (
      SELECT *
      FROM `crm`.`interactions` AS `source`
      WHERE `source`.`InteractionType` = 'EmailOpened'
    ) AS `i1`
    WHERE (`i1`.`ContactId` IS NOT NULL) AND (`i1`.`Timestamp` <= toDateTime('2026-03-31 12:00:00', 'UTC'))
    GROUP BY `i1`.`ContactId`
    HAVING count() >= 1
  )
), 0)