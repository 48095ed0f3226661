SELECT `c0`.`contactid` AS `id`
FROM `g1:entity:contact` AS `c0`
WHERE (positionUTF8(`c0`.`lowered:address1_city`, '%') > 0)