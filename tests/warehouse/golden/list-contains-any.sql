SELECT `c0`.`contactid` AS `id`
FROM `crm`.`contact` AS `c0`
WHERE if(arrayExists(element -> isNull(element), `c0`.`interests`), NULL, hasAny(arrayMap(element -> lowerUTF8(element), `c0`.`interests`), [lowerUTF8('golf')]))