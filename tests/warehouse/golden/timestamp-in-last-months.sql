SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE `c0`.`createdon` BETWEEN toDateTime('2025-12-31 12:00:00', 'UTC') AND toDateTime('2026-03-31 12:00:00', 'UTC')