SELECT DISTINCT `set_operand`.`id` AS `id`
FROM (
  SELECT DISTINCT `set_operand`.`id` AS `id`
  FROM (
    SELECT `c0`.`contactid` AS `id`
    FROM `g1:entity:contact` AS `c0`
  ) AS `set_operand`
  WHERE `set_operand`.`id` GLOBAL NOT IN (
    SELECT `c1`.`contactid` AS `id`
    FROM `g1:entity:contact` AS `c1`
    WHERE `c1`.`lowered:address1_city` = 'seattle'
  )
  UNION ALL
  SELECT `c2`.`contactid` AS `id`
  FROM `g1:entity:contact` AS `c2`
  WHERE if(arrayExists(element -> isNull(element), `c2`.`interests`), NULL, hasAny(`c2`.`lowered:interests`, ['golf']))
) AS `set_operand`