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