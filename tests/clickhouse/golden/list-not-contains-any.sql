SELECT `c0`.`contactid` AS `id`
FROM `g1:entity:contact` AS `c0`
WHERE NOT coalesce(if(arrayExists(element -> isNull(element), `c0`.`interests`), NULL, hasAny(`c0`.`lowered:interests`, ['golf'])), 0)