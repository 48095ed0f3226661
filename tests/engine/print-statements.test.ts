import { describe, expect, it } from 'vitest';
import * as q from '../../src/engine/sql/build';
import * as clickhouse from '../../src/engine/sql/print-clickhouse';
import { printQuery, printStatement } from '../../src/engine/sql/print-duckdb';

describe('DDL and DML statements through the printer', () => {
  const select = q.select([q.STAR], { from: q.tableIn({ database: 'memory' }, 'g1:staging:0:contact') });

  it('prints every statement kind the loaders use, names quoted', () => {
    expect(printStatement(q.createTableAs('g1:entity:contact', select))).toBe(
      'CREATE TABLE "g1:entity:contact" AS\nSELECT *\nFROM "memory"."main"."g1:staging:0:contact"',
    );
    expect(printStatement(q.createView('v"1', q.select([q.STAR], { from: q.table('t') })))).toBe(
      'CREATE VIEW "v""1" AS\nSELECT *\nFROM "t"',
    );
    expect(printStatement(q.insertInto('t', select))).toBe('INSERT INTO "t"\nSELECT *\nFROM "memory"."main"."g1:staging:0:contact"');
    expect(printStatement(q.dropView('v'))).toBe('DROP VIEW IF EXISTS "v"');
    expect(printStatement(q.dropTable(q.tableName('s', 'memory'), false))).toBe('DROP TABLE "memory"."main"."s"');
    expect(printStatement(q.attach(":memory:'", 'data', true))).toBe(`ATTACH ':memory:''' AS "data" (COMPRESS)`);
    expect(printStatement(q.use('data'))).toBe('USE "data"');
    expect(printStatement(q.searchDatabases(['data', "m'x"]))).toBe(`SET search_path = '"data".main,"m''x".main'`);
  });

  it('prints filtered aggregates, arithmetic, IS DISTINCT FROM, UNION ALL BY NAME and schema-qualified tables', () => {
    const query = q.select(
      [
        q.as(q.aggWhere('min', q.ROWID, q.compare('IS DISTINCT FROM', q.col(undefined, 't'), q.text("O'B"))), 'wrong'),
        q.as(q.arithmetic('%', q.call('hash', q.col(undefined, 'k')), q.num(3)), 'slice'),
      ],
      { from: q.tableIn({ schema: 'information_schema' }, 'columns') },
    );
    expect(printQuery(query)).toBe(
      `SELECT min("rowid") FILTER (WHERE "t" IS DISTINCT FROM 'O''B') AS "wrong", hash("k") % 3 AS "slice"\nFROM "information_schema"."columns"`,
    );
    const union = q.setOperation(
      'UNION ALL BY NAME',
      q.select([q.STAR], { from: q.table('a') }),
      q.select([q.STAR], { from: q.table('b') }),
    );
    expect(printQuery(union)).toContain(')\nUNION ALL BY NAME\n(');
  });

  it('prints ClickHouse statements: result tables in Memory, views dropped as tables, no ATTACH', () => {
    const read = q.select([q.STAR], { from: q.tableIn({ database: 'db' }, 'contact') });
    expect(clickhouse.printStatement(q.createTempTableAs('result:A', read))).toBe(
      'CREATE TABLE `result:A`\nENGINE = Memory AS\nSELECT *\nFROM `db`.`contact`',
    );
    expect(clickhouse.printStatement(q.insertInto('t', read))).toBe('INSERT INTO `t`\nSELECT *\nFROM `db`.`contact`');
    expect(clickhouse.printStatement(q.dropView('v'))).toBe('DROP TABLE IF EXISTS `v`');
    expect(clickhouse.printStatement(q.use('data'))).toBe('USE `data`');
    expect(() => clickhouse.printStatement(q.attach('x', 'y'))).toThrow('ClickHouse attaches no database files');
  });
});
