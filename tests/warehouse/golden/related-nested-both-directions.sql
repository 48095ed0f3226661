SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE `c0`.`parentcustomerid` GLOBAL IN (
  SELECT `r1`.`accountid`
  FROM `crm`.`account` AS `r1`
  WHERE `r1`.`accountid` GLOBAL IN (
    SELECT `r2`.`parentcustomerid`
    FROM `crm`.`contact` AS `r2`
    WHERE `r2`.`donotemail` = 1
  )
)