SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE NOT coalesce(`c0`.`parentcustomerid` GLOBAL IN (
  SELECT `r1`.`accountid`
  FROM `crm`.`account` AS `r1`
  WHERE `r1`.`accountid` IS NOT NULL
), 0)