/**
 * ClickHouse over its HTTP interface: one POST per statement, rows as JSON. A server error becomes
 * an Error carrying the server's own message. Each request has a connection of its own: a kept-
 * alive socket the server closed while the loader was busy (its keep-alive is 3 s) fails the
 * next request, and a statement is not safe to retry.
 */
import http from 'node:http';
import https from 'node:https';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { inFormat } from '../../engine/sql/print-clickhouse';
import type { Row } from '../connector';

export interface ClickhouseServer {
  /** `http://host:port`, without the user. */
  readonly origin: string;
  readonly user?: string;
  readonly password?: string;
}

/** Settings every statement runs with (docs/CLICKHOUSE.md explains each). */
const SETTINGS: Readonly<Record<string, string>> = {
  // A LEFT JOIN fills missing rows with NULL, as SQL does, not with the type's default.
  join_use_nulls: '1',
  // An insert into a Distributed table is on the shards when it returns.
  insert_distributed_sync: '1',
  output_format_json_quote_64bit_integers: '0',
  // Subqueries over Distributed tables run once on the queried server and travel to the shards.
  distributed_product_mode: 'global',
};

export class ClickhouseError extends Error {}

/** "Code: 60, e.displayText() = DB::Exception: Table x doesn't exist., e.what() = …" → "Table x doesn't exist (code 60)". */
export function serverMessage(body: string): string {
  const text = body.trim();
  const display = /e\.displayText\(\) = (?:DB::Exception: )?([\s\S]*?)(?:, e\.what\(\) = [\s\S]*)?$/.exec(text);
  const code = /^Code: (\d+)/.exec(text)?.[1];
  const message = (display?.[1] ?? text.replace(/^Code: \d+\.\s*(DB::Exception: )?/, '')).replace(/\s*\(version [^)]*\)\s*$/, '');
  return code ? `${message} (code ${code})` : message;
}

export function parseServerUrl(url: string): { server: ClickhouseServer; params: URLSearchParams } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ClickhouseError(`--url: "${url}" is not a URL such as http://127.0.0.1:8123`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ClickhouseError(`--url: "${url}" must start with http:// or https:// (the ClickHouse HTTP interface)`);
  const server: ClickhouseServer = {
    origin: parsed.origin,
    ...(parsed.username ? { user: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
  };
  return { server, params: parsed.searchParams };
}

export function post(server: ClickhouseServer, body: string, database?: string): Promise<string> {
  return send(server, body, {}, database);
}

/**
 * Streams a file as the data of `insert` (`INSERT INTO t FORMAT …`, sent in the URL so the body
 * is the file as it is on disk).
 */
export function postFile(server: ClickhouseServer, insert: string, file: string, database?: string): Promise<string> {
  return send(server, createReadStream(file, { highWaterMark: 1 << 20 }), { query: insert }, database);
}

async function send(server: ClickhouseServer, body: string | Readable, extra: Record<string, string>, database?: string): Promise<string> {
  const params = new URLSearchParams({ ...SETTINGS, ...extra });
  if (database !== undefined) params.set('database', database);
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  if (server.user !== undefined) headers['X-ClickHouse-User'] = server.user;
  if (server.password !== undefined) headers['X-ClickHouse-Key'] = server.password;
  const { status, text } = await request(`${server.origin}/?${params}`, body, headers).catch((error: NodeJS.ErrnoException) => {
    throw new ClickhouseError(`cannot reach ClickHouse at ${server.origin} (${error.code ?? error.message})`);
  });
  if (status !== 200) throw new ClickhouseError(`ClickHouse at ${server.origin}: ${serverMessage(text)}`);
  return text;
}

function request(url: string, body: string | Readable, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (typeof body === 'string') req.end(body);
    else {
      body.on('error', (error) => {
        req.destroy(error);
        reject(error);
      });
      body.pipe(req);
    }
  });
}

/** Plain rows from the server's JSON, as they come. */
export async function queryRows(server: ClickhouseServer, sql: string, database?: string): Promise<Row[]> {
  return (await queryJson(server, sql, database)).data;
}

async function queryJson(server: ClickhouseServer, sql: string, database?: string) {
  const text = await post(server, inFormat(sql, 'JSON'), database);
  return JSON.parse(text) as { meta: { name: string; type: string }[]; data: Row[] };
}

/**
 * Rows as every engine returns them (SqlRunner): the engine's storage types say what a value is
 * (docs/CLICKHOUSE.md) — Int64 is a timestamp in microseconds, Int32 a date in days, UInt8 a
 * boolean, `[NULL]` a null list — and come back as epoch milliseconds, booleans and null.
 */
export async function queryEngineRows(server: ClickhouseServer, sql: string, database?: string): Promise<Row[]> {
  const { meta, data } = await queryJson(server, sql, database);
  const convert = new Map<string, (v: unknown) => unknown>();
  for (const { name, type } of meta) {
    const bare = type.replace(/^Nullable\((.*)\)$/, '$1');
    if (bare === 'Int64') convert.set(name, (v) => Math.round(Number(v) / 1000));
    if (bare === 'Int32') convert.set(name, (v) => Number(v) * 86_400_000);
    if (bare === 'UInt8') convert.set(name, (v) => Number(v) === 1);
    // Null elements are dropped at load, so a list holding a NULL is how a null list is stored.
    if (bare.startsWith('Array(')) convert.set(name, (v) => (Array.isArray(v) && v.includes(null) ? null : v));
  }
  if (convert.size === 0) return data;
  for (const row of data) for (const [name, to] of convert) if (row[name] !== null && row[name] !== undefined) row[name] = to(row[name]);
  return data;
}
