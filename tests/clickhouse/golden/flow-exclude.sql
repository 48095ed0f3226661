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