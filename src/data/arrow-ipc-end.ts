/**
 * Whether Arrow IPC bytes end where the format says they end. A stream cut at a batch boundary
 * reads as a shorter valid stream, so the reader alone cannot tell; the end-of-stream marker
 * (a message of length 0) and the file format's closing `ARROW1` can.
 */
const MAGIC = 'ARROW1';

function hasMagic(bytes: Uint8Array, at: number): boolean {
  if (at < 0 || at + MAGIC.length > bytes.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[at + i] !== MAGIC.charCodeAt(i)) return false;
  return true;
}

/** `Message.bodyLength` from a message's flatbuffer (field 3 of its root table; 0 when absent). */
function bodyLength(view: DataView, start: number): number {
  const table = start + view.getUint32(start, true);
  const vtable = table - view.getInt32(table, true);
  const vtableSize = view.getUint16(vtable, true);
  const slot = 4 + 2 * 3;
  if (slot >= vtableSize) return 0;
  const offset = view.getUint16(vtable + slot, true);
  return offset === 0 ? 0 : Number(view.getBigInt64(table + offset, true));
}

/**
 * Walks the messages of a stream from `start`; returns what is wrong with its end, if anything.
 * Each message is [0xFFFFFFFF] length metadata body (the continuation marker is absent before Arrow 0.15).
 */
function streamEndProblem(bytes: Uint8Array, start: number): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = start;
  for (;;) {
    if (at + 4 > bytes.length) return 'it ends without the end-of-stream marker, so it was cut short';
    let length = view.getInt32(at, true);
    at += 4;
    if (length === -1) {
      if (at + 4 > bytes.length) return 'it ends without the end-of-stream marker, so it was cut short';
      length = view.getInt32(at, true);
      at += 4;
    }
    if (length === 0) return undefined;
    if (length < 0 || at + length > bytes.length) return 'its last message is cut short';
    const body = bodyLength(view, at);
    at += length + body;
    if (body < 0 || at > bytes.length) return 'its last record batch is cut short';
  }
}

export function arrowEndProblem(bytes: Uint8Array): string | undefined {
  if (!hasMagic(bytes, 0)) {
    try {
      return streamEndProblem(bytes, 0);
    } catch {
      return 'its messages cannot be read';
    }
  }
  return hasMagic(bytes, bytes.length - MAGIC.length) && bytes.length >= 2 * MAGIC.length + 4
    ? undefined
    : 'it is an Arrow file without its closing footer, so it was cut short';
}
