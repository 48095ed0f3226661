SELECT `c0`.`contactid` AS `id`
FROM `g1:entity:contact` AS `c0`
WHERE (`c0`.`lowered:address1_city` IS NOT NULL) AND (`c0`.`lowered:address1_city` NOT IN ('paris'))