SELECT `c0`.`contactid` AS `id`
FROM `g1:entity:contact` AS `c0`
WHERE (`c0`.`createdon` >= 1772236800000000) AND (`c0`.`createdon` < 1772409600000000)