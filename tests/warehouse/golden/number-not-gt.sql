SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE NOT coalesce(`c0`.`annualincome` > 0, 0)