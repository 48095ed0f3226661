SELECT `c0`.`contactid` AS `id`
FROM `g1:entity:contact` AS `c0`
WHERE ((`c0`.`lowered:address1_city` = 'seattle') AND (`c0`.`donotemail` = 0)) OR (`c0`.`lowered:address1_city` = 'berlin')