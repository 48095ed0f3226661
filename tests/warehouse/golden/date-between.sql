SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE `c0`.`birthdate` BETWEEN toDate('1980-01-01') AND toDate('1990-12-31')