SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE (lowerUTF8(`c0`.`address1_city`) IS NOT NULL) AND (lowerUTF8(`c0`.`address1_city`) NOT IN (lowerUTF8('paris')))