SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE `c0`.`annualincome` IN (0, -10)