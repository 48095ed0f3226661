SELECT DISTINCT `set_operand`.`id` AS `id`
FROM (
  SELECT `c0`.`contactid` AS `id`
  FROM `g1:entity:contact` AS `c0`
  WHERE `c0`.`lowered:address1_city` = 'seattle'
) AS `set_operand`
WHERE `set_operand`.`id` GLOBAL NOT IN (
  SELECT `c0`.`contactid` AS `id`
  FROM `g1:entity:contact` AS `c0`
  WHERE `c0`.`contactid` IN ('c2', 'c99')
)