/**
 * A PostgreSQL connection (`pg`) that returns rows as the other engines do (numbers, epoch ms
 * for timestamps and dates, read as UTC whatever the machine's zone) and can COPY a file in.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import type pg from 'pg';
import * as q from '../../engine/sql/build';
import { printStatement } from '../../engine/sql/print-postgres';
import type { Row } from '../connector';

// Required when a connection is made: a process running another engine does not load pg.
const require = createRequire(import.meta.url);
const loadPg = (): typeof pg => require('pg') as typeof pg;

/** Type OIDs of pg_type. */
const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

const toNumber = (text: string): number | string => {
  const n = Number(text);
  return Number.isSafeInteger(n) || !/^-?\d+$/.test(text) ? n : text;
};
/** `2026-03-01 12:00:00.123456` read as UTC (pg would read it in the machine's zone). */
const utcTimestamp = (text: string): number | string => {
  const ms = Date.parse(`${text.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? text : ms;
};

const PARSERS: Record<number, (text: string) => unknown> = {
  [OID.int8]: toNumber,
  [OID.numeric]: toNumber,
  [OID.date]: (text) => utcTimestamp(`${text} 00:00:00`),
  [OID.timestamp]: utcTimestamp,
  [OID.timestamptz]: (text) => {
    const ms = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
    return Number.isNaN(ms) ? text : ms;
  },
};

interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  readonly stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

/** `COPY … FROM STDIN` fed from a file, a chunk at a time, waiting whenever the socket is full. */
const copyFromFileQuery = (Query: typeof pg.Query) =>
  class CopyFromFile extends Query {
    constructor(
      sql: string,
      private readonly file: string,
      done: (error: Error | undefined) => void,
    ) {
      super(sql, undefined, (error: Error | undefined) => done(error));
    }

    handleCopyInResponse(connection: CopyConnection): void {
      const input = createReadStream(this.file, { highWaterMark: 1 << 20 });
      input.on('data', (chunk) => {
        connection.sendCopyFromChunk(chunk as Buffer);
        if (connection.stream.writableNeedDrain) {
          input.pause();
          connection.stream.once('drain', () => input.resume());
        }
      });
      input.on('end', () => connection.endCopyFrom());
      input.on('error', (error) => connection.sendCopyFail(error.message));
    }
  };

export interface PostgresClient {
  execute(sql: string): Promise<void>;
  query(sql: string): Promise<Row[]>;
  copyFromFile(sql: string, file: string): Promise<void>;
  end(): Promise<void>;
}

export async function connectPostgres(url: string): Promise<PostgresClient> {
  const { Client, Query, types } = loadPg();
  const CopyFromFile = copyFromFileQuery(Query);
  const client = new Client({
    connectionString: url,
    types: { getTypeParser: ((oid: number, format?: string) => PARSERS[oid] ?? types.getTypeParser(oid, format as 'text')) as never },
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot connect to PostgreSQL at ${redacted(url)} (${(error as Error).message})`, { cause: error });
  }
  // Interactions are compared as UTC TIMESTAMPs; casts from timestamptz on server tables must be UTC too.
  await client.query(printStatement(q.setTimeZone('UTC')));
  return {
    execute: async (sql) => void (await client.query(sql)),
    query: async (sql) => {
      const result = await client.query(sql);
      // A multi-statement text returns one result per statement; the rows are the last one's.
      const last = Array.isArray(result) ? (result[result.length - 1] as pg.QueryResult) : result;
      return last.rows as Row[];
    },
    copyFromFile: (sql, file) =>
      new Promise<void>((resolve, reject) => {
        void client.query(new CopyFromFile(sql, file, (error) => (error ? reject(error) : resolve())));
      }),
    end: () => client.end(),
  };
}

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
