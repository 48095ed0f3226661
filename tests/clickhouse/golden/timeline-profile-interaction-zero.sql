CREATE TABLE `timeline:N:series`
ENGINE = Memory AS
SELECT DISTINCT `set_operand`.`k` AS `k`, `set_operand`.`prev` AS `prev`, `set_operand`.`t0` AS `t0`, `set_operand`.`t1` AS `t1`, `set_operand`.`t2` AS `t2`, `set_operand`.`t3` AS `t3`
FROM (
  SELECT DISTINCT `set_operand`.`k` AS `k`, `set_operand`.`prev` AS `prev`, `set_operand`.`t0` AS `t0`, `set_operand`.`t1` AS `t1`, `set_operand`.`t2` AS `t2`, `set_operand`.`t3` AS `t3`
  FROM (
    SELECT toFloat64(0) AS `k`, toFloat64(-1) AS `prev`, 1773982800000000 AS `t0`, 1773982800000000 AS `t1`, 1772773200000000 AS `t2`, 1772859600000000 AS `t3`
    UNION ALL
    SELECT toFloat64(1) AS `k`, toFloat64(0) AS `prev`, 1774069200000000 AS `t0`, 1773982800000000 AS `t1`, 1772859600000000 AS `t2`, 1772946000000000 AS `t3`
  ) AS `set_operand`
  UNION ALL
  SELECT toFloat64(2) AS `k`, toFloat64(1) AS `prev`, 1774155600000000 AS `t0`, 1774069200000000 AS `t1`, 1772946000000000 AS `t2`, 1774155600001000 AS `t3`
) AS `set_operand`;

CREATE TABLE `timeline:N:QuietSeattle`
ENGINE = Memory AS
SELECT `selected`.`selected:k` AS `k`, `selected`.`selected:id` AS `id`
FROM (
  SELECT `joined1`.`s:k` AS `selected:k`, `joined1`.`c0:contactid` AS `selected:id`
  FROM (
    SELECT `s`.`k` AS `s:k`, `c0`.`contactid` AS `c0:contactid`
    FROM `timeline:N:series` AS `s`
    GLOBAL CROSS JOIN `g1:entity:contact` AS `c0`
    WHERE `c0`.`lowered:address1_city` = 'seattle'
  ) AS `joined1`
  GLOBAL ALL LEFT JOIN (
    SELECT *, `p1`.`id` AS `join:id`
    FROM (
      SELECT `selected`.`selected:k` AS `k`, `selected`.`selected:id` AS `id`
      FROM (
        SELECT `joined1`.`s:k` AS `selected:k`, `joined1`.`c9:contactid` AS `selected:id`
        FROM (
          SELECT `s`.`k` AS `s:k`, `c9`.`contactid` AS `c9:contactid`
          FROM `timeline:N:series` AS `s`
          GLOBAL CROSS JOIN `g1:entity:contact` AS `c9`
        ) AS `joined1`
        GLOBAL ALL LEFT JOIN (
          SELECT `s`.`k` AS `k`, `g8`.`link` AS `link`, sum(`g8`.`part`) AS `value`
          FROM `timeline:N:series` AS `s`
          GLOBAL CROSS JOIN (
            SELECT `joined1`.`i2:ContactId` AS `link`, `joined1`.`f3:k` AS `first`, `l4`.`k` AS `last`, count() AS `part`
            FROM (
              SELECT `i2`.`Timestamp` AS `i2:Timestamp`, `i2`.`ContactId` AS `i2:ContactId`, `f3`.`k` AS `f3:k`
              FROM `g1:interaction:EmailOpened` AS `i2`
              GLOBAL CROSS JOIN (
                SELECT `s`.`k` AS `k`, `s`.`t0` AS `upto`, `s`.`t1` AS `after`
                FROM `timeline:N:series` AS `s`
                WHERE `s`.`k` = 0
              ) AS `f3`
              WHERE (`i2`.`Timestamp` <= `f3`.`upto`) AND (`i2`.`ContactId` IS NOT NULL)
            ) AS `joined1`
            GLOBAL CROSS JOIN (
              SELECT `s`.`k` AS `k`, `s`.`t2` AS `since`, `s`.`t3` AS `until`
              FROM `timeline:N:series` AS `s`
            ) AS `l4`
            WHERE (`joined1`.`i2:Timestamp` >= `l4`.`since`) AND (`joined1`.`i2:Timestamp` < `l4`.`until`)
            GROUP BY `joined1`.`i2:ContactId`, `joined1`.`f3:k`, `l4`.`k`
            UNION ALL
            SELECT `joined1`.`i5:ContactId` AS `link`, `joined1`.`f6:k` AS `first`, `l7`.`k` AS `last`, count() AS `part`
            FROM (
              SELECT `i5`.`Timestamp` AS `i5:Timestamp`, `i5`.`ContactId` AS `i5:ContactId`, `f6`.`k` AS `f6:k`
              FROM `g1:interaction:EmailOpened` AS `i5`
              GLOBAL CROSS JOIN (
                SELECT `s`.`k` AS `k`, `s`.`t0` AS `upto`, `s`.`t1` AS `after`
                FROM `timeline:N:series` AS `s`
                WHERE `s`.`k` > 0
              ) AS `f6`
              WHERE (`i5`.`Timestamp` > `f6`.`after`) AND (`i5`.`Timestamp` <= `f6`.`upto`) AND (`i5`.`ContactId` IS NOT NULL)
            ) AS `joined1`
            GLOBAL CROSS JOIN (
              SELECT `s`.`k` AS `k`, `s`.`t2` AS `since`, `s`.`t3` AS `until`
              FROM `timeline:N:series` AS `s`
            ) AS `l7`
            WHERE (`joined1`.`i5:Timestamp` >= `l7`.`since`) AND (`joined1`.`i5:Timestamp` < `l7`.`until`)
            GROUP BY `joined1`.`i5:ContactId`, `joined1`.`f6:k`, `l7`.`k`
          ) AS `g8`
          WHERE (`g8`.`first` <= `s`.`k`) AND (`s`.`k` <= `g8`.`last`)
          GROUP BY `s`.`k`, `g8`.`link`
        ) AS `m10` ON (`m10`.`k` = `joined1`.`s:k`) AND (`m10`.`link` = `joined1`.`c9:contactid`)
        WHERE coalesce(`m10`.`value`, 0) = 0
      ) AS `selected`
    ) AS `p1`
  ) AS `p1` ON (`p1`.`k` = `joined1`.`s:k`) AND (`p1`.`join:id` = `joined1`.`c0:contactid`)
  WHERE `p1`.`id` IS NOT NULL
) AS `selected`;

SELECT `k`, count() AS `n`
FROM `timeline:N:QuietSeattle`
GROUP BY `k`;

SELECT `selected`.`selected:k` AS `k`, `selected`.`selected:n` AS `n`
FROM (
  SELECT `joined1`.`a:k` AS `selected:k`, count() AS `selected:n`
  FROM (
    SELECT `s`.`prev` AS `s:prev`, `a`.`id` AS `a:id`, `a`.`k` AS `a:k`
    FROM `timeline:N:QuietSeattle` AS `a`
    GLOBAL ALL INNER JOIN (
      SELECT *, `k` AS `join:k`
      FROM `timeline:N:series`
    ) AS `s` ON `s`.`join:k` = `a`.`k`
  ) AS `joined1`
  GLOBAL ALL INNER JOIN `timeline:N:QuietSeattle` AS `b` ON (`b`.`k` = `joined1`.`s:prev`) AND (`b`.`id` = `joined1`.`a:id`)
  GROUP BY `joined1`.`a:k`
) AS `selected`;

DROP TABLE IF EXISTS `timeline:N:QuietSeattle`;

DROP TABLE IF EXISTS `timeline:N:series`;
