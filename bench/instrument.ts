/** Wraps the app's connector and decoders so every step of a load is timed and recorded. */
import { tableFromIPC } from 'apache-arrow';
import type { Connector } from '../src/data/connector';
import type { Decoders, InputFile } from '../src/data/decode-file';
import type { LoadStep } from './protocol';

export function recordingConnector(inner: Connector, steps: LoadStep[]): Connector {
  return {
    ...inner,
    queryArrow: async (sql) => {
      const started = performance.now();
      const result = await inner.queryArrow(sql);
      steps.push({ kind: 'sql', sql, ms: performance.now() - started });
      return result;
    },
    query: async (sql) => {
      const started = performance.now();
      try {
        const result = await inner.query(sql);
        steps.push({ kind: 'sql', sql, ms: performance.now() - started });
        return result;
      } catch (error) {
        steps.push({ kind: 'sql', sql, ms: performance.now() - started, error: String(error) });
        throw error;
      }
    },
    insertArrowStream: async (table, ipc, options) => {
      // Read the size first: the browser connector may transfer the buffer to its worker.
      const bytes = ipc.byteLength;
      const rows = tableFromIPC(ipc).numRows;
      const started = performance.now();
      await inner.insertArrowStream(table, ipc, options);
      steps.push({ kind: 'insert', table, staging: options?.staging ?? false, rows, bytes, ms: performance.now() - started });
    },
  };
}

export function recordingDecoders(inner: Decoders, files: readonly InputFile[], steps: LoadStep[]): Decoders {
  return {
    // Decoding is lazy (a few row groups at a time), so each chunk is timed as it is taken.
    readParquetRowGroups: (bytes, rowGroups) => {
      const file = files.find((f) => f.bytes === bytes)?.name ?? '?';
      const started = performance.now();
      const ipc = inner.readParquetRowGroups(bytes, rowGroups);
      steps.push({ kind: 'decode', file, bytesIn: bytes.byteLength, bytesOut: ipc.byteLength, ms: performance.now() - started });
      return ipc;
    },
  };
}
