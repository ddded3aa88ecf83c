import { TextDecoder } from 'node:util';

/**
 * Turning a page's bytes into text with the right character set: the `Content-Type` header's
 * charset first, then a byte-order mark, then the page's own `<meta charset>` or
 * `<meta http-equiv="Content-Type">`, else UTF-8. Many Chinese sites still serve GBK or GB18030
 * and say so only in a `<meta>`; `TextDecoder` knows both.
 */

export interface DecodedText {
  text: string;
  /** The encoding used, as TextDecoder names it ("utf-8", "gbk", "gb18030"). */
  encoding: string;
  /** Where it came from. */
  from: 'header' | 'bom' | 'meta' | 'default';
}

/** The charset parameter of a Content-Type value ("text/html; charset=GBK" → "GBK"). */
export function charsetOf(contentType: string | undefined): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m ? m[2]! : null;
}

/** The media type alone, lower-case ("Text/HTML; charset=x" → "text/html"). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null; // an unknown label: look further
  }
}

/** The charset a page declares in its first 4 kB (HTML says 1024 bytes; real pages put comments and scripts first). */
function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)/i.exec(head);
  return direct ? direct[1]! : null;
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

export function decodeText(bytes: Uint8Array, contentType: string | undefined): DecodedText {
  const tries: Array<[DecodedText['from'], string | null]> = [
    ['header', charsetOf(contentType)],
    ['bom', bomEncoding(bytes)],
    ['meta', metaCharset(bytes)],
  ];
  for (const [from, label] of tries) {
    const decoder = decoderFor(label);
    // WHATWG maps "gb2312" and "x-gbk" to gbk, as browsers do.
    if (decoder) return { text: decoder.decode(bytes), encoding: decoder.encoding, from };
  }
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', from: 'default' };
}
