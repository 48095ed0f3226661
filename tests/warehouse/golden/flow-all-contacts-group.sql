SELECT DISTINCT `set_operand`.`id` AS `id`
FROM (
  SELECT DISTINCT `set_operand`.`id` AS `id`
  FROM (
    SELECT `c0`.`contactid` AS `id`
    FROM `crm`.`contact` AS `c0`
  ) AS `set_operand`
  WHERE `set_operand`.`id` GLOBAL NOT IN (
    SELECT `c1`.`contactid` AS `id`
    FROM `crm`.`contact` AS `c1`
    WHERE lowerUTF8(`c1`.`address1_city`) = lowerUTF8('seattle')
  )
  UNION ALL
  SELECT `c2`.`contactid` AS `id`
  FROM `crm`.`contact` AS `c2`
  WHERE if(arrayExists(element -> isNull(element), `c2`.`interests`), NULL, hasAny(arrayMap(element -> lowerUTF8(element), `c2`.`interests`), [lowerUTF8('golf')]))
) AS `set_operand`