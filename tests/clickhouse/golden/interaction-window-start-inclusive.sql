SELECT `c1`.`contactid` AS `id`
FROM `g1:entity:contact` AS `c1`
WHERE `c1`.`contactid` GLOBAL IN (
  SELECT `i0`.`ContactId`
  FROM `g1:interaction:EmailOpened` AS `i0`
  WHERE (`i0`.`ContactId` IS NOT NULL) AND (`i0`.`Timestamp` BETWEEN 1772366400000000 AND 1774958400000000)
  GROUP BY `i0`.`ContactId`
  HAVING count() >= 2
)