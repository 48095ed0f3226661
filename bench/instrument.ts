/** Wraps the app's connector and decoders so every step of a load is timed and recorded. */
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
      const result = await inner.query(sql);
      steps.push({ kind: 'sql', sql, ms: performance.now() - started });
      return result;
    },
    insertArrowStream: async (table, ipc) => {
      // Read the size first: the browser connector may transfer the buffer to its worker.
      const bytes = ipc.byteLength;
      const started = performance.now();
      await inner.insertArrowStream(table, ipc);
      steps.push({ kind: 'insert', table, bytes, ms: performance.now() - started });
    },
  };
}

export function recordingDecoders(inner: Decoders, files: readonly InputFile[], steps: LoadStep[]): Decoders {
  return {
    parquetToArrowStream: (bytes) => {
      const started = performance.now();
      const ipc = inner.parquetToArrowStream(bytes);
      const file = files.find((f) => f.bytes === bytes)?.name ?? '?';
      steps.push({ kind: 'decode', file, bytesIn: bytes.byteLength, bytesOut: ipc.byteLength, ms: performance.now() - started });
      return ipc;
    },
  };
}
