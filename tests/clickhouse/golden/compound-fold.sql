SELECT DISTINCT `set_operand`.`id` AS `id`
FROM (
  SELECT DISTINCT `set_operand`.`id` AS `id`
  FROM (
    SELECT DISTINCT `set_operand`.`id` AS `id`
    FROM (
      SELECT `c0`.`contactid` AS `id`
      FROM `g1:entity:contact` AS `c0`
      WHERE `c0`.`lowered:address1_city` = 'seattle'
    ) AS `set_operand`
    WHERE `set_operand`.`id` GLOBAL NOT IN (
      SELECT `c1`.`contactid` AS `id`
      FROM `g1:entity:contact` AS `c1`
      WHERE `c1`.`donotemail` = 1
    )
    UNION ALL
    SELECT `c1`.`contactid` AS `id`
    FROM `g1:entity:contact` AS `c1`
    WHERE `c1`.`contactid` GLOBAL IN (
      SELECT `i0`.`ReferrerContactId`
      FROM `g1:interaction:EventRegistration` AS `i0`
      WHERE (`i0`.`ReferrerContactId` IS NOT NULL) AND (`i0`.`Timestamp` <= 1774958400000000)
      GROUP BY `i0`.`ReferrerContactId`
      HAVING count() >= 1
    )
  ) AS `set_operand`
) AS `set_operand`
WHERE `set_operand`.`id` GLOBAL IN (
  SELECT `c1`.`contactid` AS `id`
  FROM `g1:entity:contact` AS `c1`
  WHERE `c1`.`contactid` GLOBAL IN (
    SELECT `i0`.`ContactId`
    FROM `g1:interaction:EmailOpened` AS `i0`
    WHERE (`i0`.`ContactId` IS NOT NULL) AND (`i0`.`Timestamp` BETWEEN 1772366400000000 AND 1774958400000000)
    GROUP BY `i0`.`ContactId`
    HAVING count() >= 2
  )
)