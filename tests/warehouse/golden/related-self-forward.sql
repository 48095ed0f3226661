SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE `c0`.`managerid` GLOBAL IN (
  SELECT `r1`.`contactid`
  FROM `crm`.`contact` AS `r1`
  WHERE lowerUTF8(`r1`.`address1_city`) = lowerUTF8('seattle')
)