import { TextDecoder } from 'node:util';

let table: Map<string, Buffer> | undefined;

/**
 * Encodes text as GBK, for serving a page the way many Chinese sites still do. Node has no GBK
 * encoder, so the table is made by decoding every two-byte GBK code with the same TextDecoder the
 * bot uses, and inverting it (ASCII stays one byte).
 */
export function toGbk(text: string): Buffer {
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const char = decoder.decode(bytes);
        if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, bytes);
      }
    }
  }
  const parts: Buffer[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) parts.push(Buffer.from(char, 'latin1'));
    else {
      const bytes = table.get(char);
      if (!bytes) throw new Error(`no GBK code for ${char}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}
