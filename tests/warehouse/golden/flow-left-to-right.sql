SELECT DISTINCT `set_operand`.`id` AS `id`
FROM (
  SELECT DISTINCT `set_operand`.`id` AS `id`
  FROM (
    SELECT `c0`.`contactid` AS `id`
    FROM `crm`.`contact` AS `c0`
    WHERE lowerUTF8(`c0`.`address1_city`) = lowerUTF8('seattle')
    UNION ALL
    SELECT `c1`.`contactid` AS `id`
    FROM `crm`.`contact` AS `c1`
    WHERE lowerUTF8(`c1`.`address1_city`) = lowerUTF8('paris')
  ) AS `set_operand`
) AS `set_operand`
WHERE `set_operand`.`id` GLOBAL IN (
  SELECT `c2`.`contactid` AS `id`
  FROM `crm`.`contact` AS `c2`
  WHERE `c2`.`donotemail` = 0
)