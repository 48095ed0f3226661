/**
 * The engines' DDL and utility statements as each dialect prints them (golden/statements/), and
 * hostile names and values in them: a name with quotes, backticks and backslashes stays one
 * name, a value stays one value (ClickHouse escapes the backslash, DuckDB and PostgreSQL do not).
 */
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/engine/sql/ast';
import * as q from '../../src/engine/sql/build';
import { printerFor, type Dialect } from '../../src/engine/sql/dialect';

const select = q.select([q.as(q.col(undefined, 'id'), 'id')], { from: q.table('contact') });
const texts = q.listOf(q.nullable(q.columnType('VARCHAR')));

/** Each dialect's statements, as the engines build them. */
const STATEMENTS: Record<Dialect, Record<string, Statement>> = {
  duckdb: {
    'set-time-zone': q.setTimeZone('UTC'),
    'copy-to-csv-files': q.copyToCsv(
      q.select([q.as(q.col(undefined, 'name'), 'c0'), q.as(q.col(undefined, 'n'), 'c1')], { from: q.table('entity:contact') }),
      '/tmp/clickhouse-0',
      {
        nullString: '\\N',
        forceQuote: ['c0'],
        fileSizeBytes: 64_000_000,
      },
    ),
    'attach-memory': q.attach(':memory:', 'data'),
    'copy-to-csv': q.copyToCsv(
      q.select(
        [
          q.as(
            q.caseWhen(
              [[q.isNull(q.col(undefined, 'tags')), q.NULL]],
              q.concat(
                q.text('{'),
                q.call('array_to_string', q.listTransform(q.col(undefined, 'tags'), q.lower(q.ELEMENT)), q.text(',')),
                q.text('}'),
              ),
            ),
            'tags',
          ),
          q.as(q.cast(q.call('datediff', q.text('day'), q.date('1970-01-01'), q.col(undefined, 'd')), 'INTEGER'), 'd'),
          q.as(q.call('epoch_us', q.col(undefined, 'ts')), 'ts'),
          q.as(q.listFilter(q.col(undefined, 'tags'), q.isNull(q.ELEMENT, true)), 'kept'),
        ],
        { from: q.table('contact') },
      ),
      '/tmp/copy-0.csv',
    ),
    'insert-from-parquet': q.insertInto(
      q.tableName('g1:staging:0:contact', 'memory'),
      q.select([q.col(undefined, 'id'), q.as(q.cast(q.NULL, 'BOOLEAN'), 'flag')], {
        from: q.readParquet('/tmp/chunk-0.parquet'),
      }),
    ),
  },
  postgres: {
    'create-schema': q.createSchema('segment_studio_0a1b'),
    'drop-schema': q.dropSchema('segment_studio_0a1b'),
    'set-search-path': q.setSearchPath('segment_studio_0a1b'),
    'set-time-zone': q.setTimeZone('UTC'),
    'create-table': q.createTable(q.tableName('contact', 'segment_studio_0a1b'), [
      { name: 'id', type: q.columnType('VARCHAR') },
      { name: 'n', type: q.decimalType(18, 3) },
      { name: 'big', type: q.columnType('HUGEINT') },
      { name: 'score', type: q.columnType('DOUBLE') },
      { name: 'tags', type: texts },
    ]),
    'copy-from-stdin': q.copyCsvFromStdin(q.tableName('contact', 'segment_studio_0a1b')),
    analyze: q.analyze(q.tableName('contact', 'segment_studio_0a1b')),
    'create-temp-view': q.createView(
      'entity:contact#0',
      q.select(
        [
          q.as(q.cast(q.col(undefined, 'id'), 'VARCHAR'), 'id'),
          q.as(q.atTimeZone(q.col(undefined, 'at'), 'UTC'), 'at'),
          q.as(q.cast(q.col(undefined, 'tags'), 'VARCHAR[]'), 'tags'),
        ],
        { from: q.tableIn({ schema: 'crm' }, 'contact') },
      ),
      true,
    ),
  },
  clickhouse: {
    'create-database': q.createDatabase('segment_studio_x'),
    'drop-database': q.dropDatabase('segment_studio_x'),
    'create-merge-tree': q.createTable(
      'entity:contact',
      [
        { name: 'contactid', type: q.columnType('VARCHAR') },
        { name: 'score', type: q.nullable(q.columnType('DOUBLE')) },
        { name: 'tags', type: texts },
      ],
      q.mergeTree(q.col(undefined, 'contactid')),
    ),
    'create-distributed': q.createTable(
      'interaction:Opened',
      [{ name: 'ContactId', type: q.nullable(q.columnType('VARCHAR')) }],
      q.distributed(
        'two_shards',
        'segment_studio_x',
        'interaction:Opened:local',
        q.call('hash', q.chCall('ifNull', q.col(undefined, 'ContactId'), q.text(''))),
      ),
    ),
    'insert-csv-rows': q.insertCsvRows('interaction:Opened'),
    'create-view-of-server-table': q.createView(
      'interaction:Opened',
      q.select(
        [
          q.as(q.chCall('assumeNotNull', q.chCall('toString', q.col('source', 'id'))), 'id'),
          q.as(q.arithmetic('*', q.chCall('toInt64', q.col('source', 'at')), q.num(1_000_000)), 'Timestamp'),
          q.as(
            q.listTransform(q.listFilter(q.col('source', 'tags'), q.chCall('isNotNull', q.ELEMENT)), q.chCall('lowerUTF8', q.ELEMENT)),
            'lowered:tags',
          ),
          q.as(
            q.chCall(
              'if',
              q.chCall('isNull', q.col('source', 'x')),
              q.cast(q.NULL, 'TINYINT'),
              q.chCall('toNullable', q.chCall('toInt8', q.num(1))),
            ),
            'x',
          ),
        ],
        {
          from: q.tableIn({ database: 'crm' }, 'events', 'source'),
          where: q.compare('=', q.chCall('toString', q.col('source', 'kind')), q.text('Opened')),
        },
      ),
    ),
  },
};

describe('DDL and utility statements, golden per dialect', () => {
  for (const [dialect, statements] of Object.entries(STATEMENTS) as [Dialect, Record<string, Statement>][]) {
    for (const [name, statement] of Object.entries(statements)) {
      it(`${dialect}: ${name}`, async () => {
        await expect(printerFor(dialect).printStatement(statement)).toMatchFileSnapshot(`golden/statements/${dialect}/${name}.sql`);
      });
    }
  }

  it('spells the column types each dialect has, and refuses the ones it lacks', () => {
    const table = (type: ReturnType<typeof q.columnType>) => q.createTable('t', [{ name: 'c', type }], q.mergeTree());
    expect(printerFor('clickhouse').printStatement(table(q.nullable(q.columnType('UTINYINT'))))).toBe(
      'CREATE TABLE `t` (`c` Nullable(UInt8)) ENGINE = MergeTree() ORDER BY tuple()',
    );
    expect(() => printerFor('clickhouse').printStatement(table(q.columnType('BOOLEAN')))).toThrow(
      'ClickHouse has no column type for BOOLEAN',
    );
    expect(() => printerFor('postgres').printStatement(q.createTable('t', [{ name: 'c', type: q.columnType('UTINYINT') }]))).toThrow(
      'PostgreSQL has no column type for UTINYINT',
    );
    expect(() => printerFor('clickhouse').printStatement(q.createTable('t', []))).toThrow('a ClickHouse table needs an engine');
    expect(() => printerFor('postgres').printStatement(table(q.columnType('VARCHAR')))).toThrow('this dialect has no table engines');
  });

  it('refuses a statement or function a dialect does not have', () => {
    expect(() => printerFor('clickhouse').printStatement(q.createSchema('s'))).toThrow(
      'a createSchema statement has no form in this dialect',
    );
    expect(() => printerFor('duckdb').printStatement(q.insertCsvRows('t'))).toThrow('a insertRows statement has no form in this dialect');
    expect(() => printerFor('postgres').printStatement(q.copyToCsv(select, '/tmp/x.csv'))).toThrow('no form in this dialect');
    expect(() => printerFor('duckdb').printQuery(q.select([q.chCall('toString', q.col(undefined, 'x'))]))).toThrow(
      "toString() is ClickHouse's own",
    );
    expect(() => printerFor('postgres').printQuery(q.select([q.listFilter(q.col(undefined, 'x'), q.TRUE)]))).toThrow('no list lambdas');
    expect(() => printerFor('clickhouse').printQuery(q.select([q.call('epoch_us', q.col(undefined, 'x'))]))).toThrow(
      'epoch_us() has no ClickHouse spelling',
    );
  });
});

describe('hostile names and values in DDL', () => {
  const NAME = 'we"ird`\'\\; --name';
  const VALUE = "back\\slash'; DROP TABLE canary; --";

  it('DuckDB: a name doubles its double quotes, a value its single quotes; backslashes stay as they are', () => {
    const print = printerFor('duckdb').printStatement;
    expect(print(q.copyToCsv(q.select([q.col(undefined, NAME)], { from: q.table(NAME) }), `/tmp/${VALUE}.csv`))).toBe(
      `COPY (\n  SELECT "we""ird\`'\\; --name"\n  FROM "we""ird\`'\\; --name"\n) TO '/tmp/back\\slash''; DROP TABLE canary; --.csv' (FORMAT csv, HEADER false)`,
    );
    expect(print(q.setTimeZone(VALUE))).toBe(`SET TimeZone = 'back\\slash''; DROP TABLE canary; --'`);
    expect(print(q.createTable(q.tableName(NAME, NAME), [{ name: NAME, type: q.columnType('VARCHAR') }]))).toBe(
      `CREATE TABLE "we""ird\`'\\; --name"."main"."we""ird\`'\\; --name" ("we""ird\`'\\; --name" VARCHAR)`,
    );
  });

  it('PostgreSQL: names in schemas, tables and columns double their double quotes; values their single quotes', () => {
    const print = printerFor('postgres').printStatement;
    const quoted = `"we""ird\`'\\; --name"`;
    expect(print(q.createSchema(NAME))).toBe(`CREATE SCHEMA ${quoted}`);
    expect(print(q.dropSchema(NAME))).toBe(`DROP SCHEMA IF EXISTS ${quoted} CASCADE`);
    expect(print(q.setSearchPath(NAME))).toBe(`SET search_path TO ${quoted}`);
    expect(print(q.setTimeZone(VALUE))).toBe(`SET TimeZone = 'back\\slash''; DROP TABLE canary; --'`);
    expect(print(q.createTable(q.tableName(NAME, NAME), [{ name: NAME, type: q.columnType('VARCHAR') }]))).toBe(
      `CREATE TABLE ${quoted}.${quoted} (${quoted} TEXT)`,
    );
    expect(print(q.copyCsvFromStdin(q.tableName(NAME, NAME)))).toBe(`COPY ${quoted}.${quoted} FROM STDIN (FORMAT csv)`);
    expect(print(q.analyze(q.tableName(NAME, NAME)))).toBe(`ANALYZE ${quoted}.${quoted}`);
    expect(printerFor('postgres').printQuery(q.select([q.as(q.atTimeZone(q.col(undefined, NAME), VALUE), NAME)]))).toBe(
      `SELECT ${quoted} AT TIME ZONE 'back\\slash''; DROP TABLE canary; --' AS ${quoted}`,
    );
  });

  it('ClickHouse: names escape backticks and backslashes, values escape quotes and backslashes', () => {
    const print = printerFor('clickhouse').printStatement;
    const quoted = '`we"ird\\`\'\\\\; --name`';
    const value = "'back\\\\slash\\'; DROP TABLE canary; --'";
    expect(print(q.createDatabase(NAME))).toBe(`CREATE DATABASE ${quoted}`);
    expect(print(q.dropDatabase(NAME))).toBe(`DROP DATABASE IF EXISTS ${quoted}`);
    expect(print(q.insertCsvRows(NAME))).toBe(`INSERT INTO ${quoted} FORMAT CSV`);
    expect(print(q.createTable(NAME, [{ name: NAME, type: q.columnType('VARCHAR') }], q.mergeTree(q.col(undefined, NAME))))).toBe(
      `CREATE TABLE ${quoted} (${quoted} String) ENGINE = MergeTree() ORDER BY ${quoted}`,
    );
    const key = q.call('hash', q.chCall('ifNull', q.col(undefined, NAME), q.text(VALUE)));
    expect(print(q.createTable(NAME, [{ name: NAME, type: q.columnType('VARCHAR') }], q.distributed(VALUE, VALUE, NAME, key)))).toBe(
      `CREATE TABLE ${quoted} (${quoted} String) ENGINE = Distributed(${value}, ${value}, '${'we"ird`\\\'\\\\; --name'}', cityHash64(ifNull(${quoted}, ${value})))`,
    );
  });
});
