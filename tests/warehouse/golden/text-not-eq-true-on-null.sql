SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE NOT coalesce(lowerUTF8(`c0`.`address1_city`) = lowerUTF8('Seattle'), 0)