SELECT DISTINCT `set_operand`.`id` AS `id`
FROM (
  SELECT DISTINCT `set_operand`.`id` AS `id`
  FROM (
    SELECT DISTINCT `set_operand`.`id` AS `id`
    FROM (
      SELECT `c0`.`contactid` AS `id`
      FROM `crm`.`contact` AS `c0`
      WHERE lowerUTF8(`c0`.`address1_city`) = lowerUTF8('Seattle')
    ) AS `set_operand`
    WHERE `set_operand`.`id` GLOBAL NOT IN (
      SELECT `c1`.`contactid` AS `id`
      FROM `crm`.`contact` AS `c1`
      WHERE `c1`.`donotemail` = 1
    )
    UNION ALL
    SELECT `c1`.`contactid` AS `id`
    FROM `crm`.`contact` AS `c1`
    WHERE `c1`.`contactid` GLOBAL IN (
      SELECT `i0`.`ReferrerContactId`
      FROM (
        SELECT *
        FROM `crm`.`interactions` AS `source`
        WHERE `source`.`InteractionType` = 'EventRegistration'
      ) AS `i0`
      WHERE (`i0`.`ReferrerContactId` IS NOT NULL) AND (`i0`.`Timestamp` <= toDateTime('2026-03-31 12:00:00', 'UTC'))
      GROUP BY `i0`.`ReferrerContactId`
      HAVING count() >= 1
    )
  ) AS `set_operand`
) AS `set_operand`
WHERE `set_operand`.`id` GLOBAL IN (
  SELECT `c1`.`contactid` AS `id`
  FROM `crm`.`contact` AS `c1`
  WHERE `c1`.`contactid` GLOBAL IN (
    SELECT `i0`.`ContactId`
    FROM (
      SELECT *
      FROM `crm`.`interactions` AS `source`
      WHERE `source`.`InteractionType` = 'EmailOpened'
    ) AS `i0`
    WHERE (`i0`.`ContactId` IS NOT NULL) AND (`i0`.`Timestamp` BETWEEN toDateTime('2026-03-01 12:00:00', 'UTC') AND toDateTime('2026-03-31 12:00:00', 'UTC'))
    GROUP BY `i0`.`ContactId`
    HAVING count() >= 2
  )
)