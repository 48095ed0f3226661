SELECT `c0`.`contactid` AS `id`
FROM `g1:entity:contact` AS `c0`
WHERE NOT coalesce(`c0`.`contactid` GLOBAL IN (
  SELECT `c2`.`contactid` AS `id`
  FROM `g1:entity:contact` AS `c2`
  WHERE `c2`.`contactid` GLOBAL IN (
    SELECT `i1`.`ContactId`
    FROM `g1:interaction:EmailOpened` AS `i1`
    WHERE (`i1`.`ContactId` IS NOT NULL) AND (`i1`.`Timestamp` <= 1774958400000000)
    GROUP BY `i1`.`ContactId`
    HAVING count() >= 1
  )
), 0)