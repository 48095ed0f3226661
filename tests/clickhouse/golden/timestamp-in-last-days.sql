SELECT `c0`.`contactid` AS `id`
FROM `g1:entity:contact` AS `c0`
WHERE `c0`.`createdon` BETWEEN 1772366400000000 AND 1774958400000000