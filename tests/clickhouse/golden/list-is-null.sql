SELECT `c0`.`contactid` AS `id`
FROM `g1:entity:contact` AS `c0`
WHERE arrayExists(element -> isNull(element), `c0`.`interests`)