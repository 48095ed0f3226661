SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE (`c0`.`createdon` >= toDateTime('2026-02-28 08:00:00', 'UTC')) AND (`c0`.`createdon` < toDateTime('2026-03-01 08:00:00', 'UTC'))