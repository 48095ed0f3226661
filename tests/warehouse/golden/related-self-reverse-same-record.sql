SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE `c0`.`contactid` GLOBAL IN (
  SELECT `r1`.`managerid`
  FROM `crm`.`contact` AS `r1`
  WHERE (lowerUTF8(`r1`.`address1_city`) = lowerUTF8('seattle')) AND (`r1`.`donotemail` = 1)
)