SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE (`c0`.`annualincome` IS NOT NULL) AND (`c0`.`annualincome` NOT IN (0))