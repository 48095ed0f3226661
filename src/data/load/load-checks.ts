/**
 * The loader's checks on built tables (SPEC §2), each a query and how to read its answer into a
 * problem, worded for the user: "row 3 has no key". They run on tables whose `rowid` is the row
 * in the file, and name places through `Place`, which knows the file's format.
 */
import type { Expr, Query } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import type { SqlRunner } from '../engines/engine';
import { firstNonTimestamp, type CsvType, type ParsedCsv } from '../csv';
import { ask, execute, firstValue, type Check } from './check';
import { fieldTypeOf, rowCount, type Column } from './tables';

/** "row 3" of a Parquet or Arrow file; "line 4" of a CSV (counting the header). */
export type Place = (rowid: number) => string;

const column = (name: string): Expr => q.col(undefined, name);

/** The first row with no key. */
export function missingKey(table: string, key: string, place: Place): Check<string | undefined> {
  return {
    query: q.select([q.as(q.ROWID, 'r')], { from: q.table(table), where: q.isNull(column(key)), orderBy: [q.ROWID], limit: 1 }),
    read: (rows) => {
      const r = firstValue(rows, 'r');
      return r === undefined ? undefined : `${place(Number(r))} has no key: column "${key}" is empty`;
    },
  };
}

/** The first key that appears twice, with both rows. */
export function duplicateKey(table: string, key: string, place: Place): Check<string | undefined> {
  const first = q.agg('min', q.ROWID);
  return {
    query: q.select([q.as(column(key), 'k'), q.as(first, 'a'), q.as(q.agg('max', q.ROWID), 'b')], {
      from: q.table(table),
      groupBy: [column(key)],
      having: q.compare('>', q.agg('count'), q.num(1)),
      orderBy: [first],
      limit: 1,
    }),
    read: (rows) => {
      const dup = rows[0];
      if (!dup) return undefined;
      return `key "${String(dup.k)}" in column "${key}" appears twice: ${place(Number(dup.a))} and ${place(Number(dup.b))}`;
    },
  };
}

/** What an interaction source's rows must hold: a timestamp, and, where the file has a type column, the right type. */
export interface InteractionRowRules {
  readonly table: string;
  readonly timestampField: string;
  readonly typeField: string;
  /** The file's own column names, for the messages. */
  readonly timestampColumn: string;
  readonly typeColumn?: string;
  /** A per-type file's type, which every row must have. */
  readonly type?: string;
}

/** What `scanSource` found against those rules. */
export interface InteractionRowFinding {
  /** The first row with no timestamp. */
  readonly missing?: number;
  /** The first row of the wrong (or no) type. */
  readonly wrong?: number;
}

export function missingTimestamp(rules: InteractionRowRules, rowid: number, place: Place): string {
  return `${place(rowid)} has no timestamp in column "${rules.timestampColumn}"`;
}

/** The type of the row `interactionRows` found wrong, worded. */
export function wrongType(rules: InteractionRowRules, rowid: number, place: Place): Check<string> {
  return {
    query: q.select([q.as(column(rules.typeField), 't')], { from: q.table(rules.table), where: q.compare('=', q.ROWID, q.num(rowid)) }),
    read: (rows) => {
      const t = firstValue(rows, 't');
      const what = t === undefined ? 'has no interaction type' : `has type "${String(t)}" but the file holds ${rules.type}`;
      return `${place(rowid)} ${what} (column "${rules.typeColumn}")`;
    },
  };
}

/** A source of InteractionIds: a built table and its id column. */
export interface IdSource {
  readonly table: string;
  readonly column: string;
}

/** Every id of every source, with the source's index `s` and the row `r`. */
export function allIds(sources: readonly IdSource[]): Query {
  return q.setOperations(
    'UNION ALL',
    sources.map(({ table, column: name }, i) =>
      q.select([q.as(q.cast(column(name), 'VARCHAR'), 'k'), q.as(q.num(i), 's'), q.as(q.ROWID, 'r')], {
        from: q.table(table),
        where: q.isNull(column(name), true),
      }),
    ),
  );
}

/** The ids hashed once into a narrow table, which is then grouped a slice at a time. */
export function hashIds(ids: Query): Query {
  return q.select([q.as(q.call('hash', column('k')), 'h')], { from: q.subquery(ids, 'ids') });
}

/** Hashes seen more than once in one slice of the hashes. */
export function repeatedHashes(hashes: string, slices: number, slice: number): Query {
  const h = column('h');
  return q.select([h], {
    from: q.table(hashes),
    ...(slices > 1 ? { where: q.compare('=', q.arithmetic('%', h, q.num(slices)), q.num(slice)) } : {}),
    groupBy: [h],
    having: q.compare('>', q.agg('count'), q.num(1)),
  });
}

/**
 * Hashes equal to the one before them once all are sorted: every hash seen more than once, in
 * one sort of the hashes (a GROUP BY of them costs native DuckDB about twice as much on two threads, BENCHMARKS.md).
 */
export function sortedRepeatedHashes(ids: Query): Query {
  const h = column('h');
  const paired = q.select([h, q.as(q.previous(h, h), 'p')], { from: q.subquery(hashIds(ids), 'hashes') });
  return q.select([h], { from: q.subquery(paired, 'sorted'), where: q.compare('=', h, column('p')) });
}

export function anyRow(query: Query): Check<boolean> {
  return { query: query.kind === 'select' ? { ...query, limit: 1 } : query, read: (rows) => rows.length > 0 };
}

/** The first id (in source and row order) whose hash repeats and that truly repeats. */
export function duplicateId(ids: Query, repeated: Query): Check<string | undefined> {
  const k = column('k');
  return {
    query: q.select([k], {
      from: q.subquery(ids, 'ids'),
      where: q.inQuery(q.call('hash', k), repeated),
      groupBy: [k],
      having: q.compare('>', q.agg('count'), q.num(1)),
      orderBy: [q.agg('min', column('s')), q.agg('min', column('r'))],
      limit: 1,
    }),
    read: (rows) => {
      const key = firstValue(rows, 'k');
      return key === undefined ? undefined : String(key);
    },
  };
}

/** Where a repeated id first appears twice, worded; `describe` names a source's row. */
export function duplicateIdPlaces(
  ids: Query,
  key: string,
  describe: (source: number, rowid: number) => string,
): Check<{ readonly source: number; readonly message: string }> {
  return {
    query: q.select([column('s'), column('r')], {
      from: q.subquery(ids, 'ids'),
      where: q.compare('=', column('k'), q.text(key)),
      orderBy: [column('s'), column('r')],
      limit: 2,
    }),
    read: ([first, second]) => ({
      source: Number(first!.s),
      message: `InteractionId "${key}" appears twice: ${describe(Number(first!.s), Number(first!.r))} and ${describe(Number(second!.s), Number(second!.r))}`,
    }),
  };
}

/**
 * The first InteractionId that appears twice across every source, worded, with the index of
 * the source it is in. The ids are hashed once into a narrow temporary table `hashes`, whose
 * hashes are then grouped a slice at a time: one GROUP BY over all ids can run DuckDB-WASM out
 * of memory, and slicing the ids themselves hashed every id once per slice (BENCHMARKS.md).
 * Ids are read again only in a slice where two hashes are equal. With `sliceRows` infinite
 * (an engine that spills, such as native DuckDB) there is no temporary table: the hashes are
 * sorted whole, as they are computed, and compared with their neighbour.
 */
export async function duplicateInteractionId(
  runner: SqlRunner,
  sources: readonly IdSource[],
  hashes: string,
  sliceRows: number,
  describe: (source: number, rowid: number) => string,
): Promise<{ readonly source: number; readonly message: string } | undefined> {
  if (sources.length === 0) return undefined;
  const ids = allIds(sources);
  if (!Number.isFinite(sliceRows)) return firstDuplicateId(runner, ids, sortedRepeatedHashes(ids), describe);
  await execute(runner, q.createTempTableAs(hashes, hashIds(ids)));
  try {
    const slices = Math.max(1, Math.ceil((await ask(runner, rowCount(hashes))) / sliceRows));
    for (let slice = 0; slice < slices; slice++) {
      const found = await firstDuplicateId(runner, ids, repeatedHashes(hashes, slices, slice), describe);
      if (found) return found;
    }
    return undefined;
  } finally {
    await execute(runner, q.dropTable(hashes));
  }
}

/** The first id among those whose hash is in `repeated` that truly repeats, worded; the ids are read only if some hash repeats. */
async function firstDuplicateId(
  runner: SqlRunner,
  ids: Query,
  repeated: Query,
  describe: (source: number, rowid: number) => string,
): Promise<{ readonly source: number; readonly message: string } | undefined> {
  if (!(await ask(runner, anyRow(repeated)))) return undefined;
  const key = await ask(runner, duplicateId(ids, repeated));
  return key === undefined ? undefined : await ask(runner, duplicateIdPlaces(ids, key, describe));
}

/** What a file's timestamp column must be, checked on its columns (and a CSV's text) before any row is cast. */
export function timestampColumnProblem(
  file: {
    readonly columns: readonly Column[];
    readonly csv?: { readonly parsed: ParsedCsv; readonly types: Readonly<Record<string, CsvType>> };
  },
  timestampColumn: string,
  place: Place,
): string | undefined {
  const csv = file.csv;
  const csvType = csv?.types[timestampColumn];
  if (csv && csvType !== 'timestamp' && csvType !== 'date') {
    const values = csv.parsed.columns[csv.parsed.header.indexOf(timestampColumn)]!;
    const bad = firstNonTimestamp(values);
    if (bad >= 0) return `${place(bad)}: "${values[bad]}" in column "${timestampColumn}" is not an ISO 8601 timestamp`;
  }
  const type = file.columns.find((c) => c.name === timestampColumn)!.type;
  if (!csv && fieldTypeOf(type) !== 'timestamp' && fieldTypeOf(type) !== 'date')
    return `column "${timestampColumn}" must hold timestamps; it holds ${type}`;
  return undefined;
}
