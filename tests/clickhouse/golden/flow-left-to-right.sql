SELECT DISTINCT `set_operand`.`id` AS `id`
FROM (
  SELECT DISTINCT `set_operand`.`id` AS `id`
  FROM (
    SELECT `c0`.`contactid` AS `id`
    FROM `g1:entity:contact` AS `c0`
    WHERE `c0`.`lowered:address1_city` = 'seattle'
    UNION ALL
    SELECT `c1`.`contactid` AS `id`
    FROM `g1:entity:contact` AS `c1`
    WHERE `c1`.`lowered:address1_city` = 'paris'
  ) AS `set_operand`
) AS `set_operand`
WHERE `set_operand`.`id` GLOBAL IN (
  SELECT `c2`.`contactid` AS `id`
  FROM `g1:entity:contact` AS `c2`
  WHERE `c2`.`donotemail` = 0
)