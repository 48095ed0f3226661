SELECT `c1`.`contactid` AS `id`
FROM `g1:entity:contact` AS `c1`
WHERE `c1`.`contactid` GLOBAL IN (
  SELECT `i0`.`ContactId`
  FROM `g1:interaction:EmailClicked` AS `i0`
  WHERE (`i0`.`ContactId` IS NOT NULL) AND (`i0`.`Timestamp` <= 1774958400000000)
  GROUP BY `i0`.`ContactId`
  HAVING uniqExactIf(`i0`.`Tags`, NOT arrayExists(element -> isNull(element), `i0`.`Tags`)) >= 1
)