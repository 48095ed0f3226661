SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE `c0`.`createdon` >= toDateTime('2026-03-20 00:00:00', 'UTC')