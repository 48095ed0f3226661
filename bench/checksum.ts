/** A short fingerprint of a member list, so the browser and native runs can be compared cheaply. */
export function memberChecksum(members: readonly string[]): string {
  const sorted = [...members].sort();
  let hash = 0x811c9dc5;
  for (const member of sorted) {
    for (let i = 0; i < member.length; i++) {
      hash ^= member.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hash ^= 0x0a;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${sorted.length}:${hash.toString(16).padStart(8, '0')}`;
}
