SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE `c0`.`contactid` GLOBAL IN (
  SELECT `r1`.`managerid`
  FROM `crm`.`contact` AS `r1`
  WHERE `r1`.`managerid` IS NOT NULL
)