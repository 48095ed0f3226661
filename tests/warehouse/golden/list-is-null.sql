SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE arrayExists(element -> isNull(element), `c0`.`interests`)