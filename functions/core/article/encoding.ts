import { UnusableContentError } from '../errors.ts';

export interface Decoded {
  readonly text: string;
  /** WHATWG name of the encoding used. */
  readonly encoding: string;
}

const MAGIC: readonly [string, number[]][] = [
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a zip archive (or an Office document)', [0x50, 0x4b, 0x03, 0x04]],
  ['an empty zip archive', [0x50, 0x4b, 0x05, 0x06]],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['a RAR archive', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['a bzip2 stream', [0x42, 0x5a, 0x68]],
  ['an xz stream', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['a zstd stream', [0x28, 0xb5, 0x2f, 0xfd]],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['a WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
  ['an SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
  ['an Ogg stream', [0x4f, 0x67, 0x67, 0x53]],
  ['an MP3 file', [0x49, 0x44, 0x33]],
  ['a RIFF media file', [0x52, 0x49, 0x46, 0x46]],
  ['an OLE2 (legacy Office) document', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['a TIFF image', [0x49, 0x49, 0x2a, 0x00]],
  ['a TIFF image', [0x4d, 0x4d, 0x00, 0x2a]],
];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

/** UTF-16 without a BOM: mostly-ASCII text has a zero in every other byte. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.7 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.7 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', skip: 3 };
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return undefined; // UTF-32 LE: not supported
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', skip: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/**
 * Rejects content that is clearly not text: known binary signatures, NUL bytes, or a high share
 * of control bytes in the first 8 KB. UTF-16 text is recognised first and passes.
 */
export function assertNotBinary(bytes: Uint8Array): void {
  for (const [what, sig] of MAGIC)
    if (startsWith(bytes, sig)) throw new UnusableContentError('BINARY', `the object is ${what}, not text`);
  if (bomEncoding(bytes) || sniffUtf16(bytes)) return;
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]))
    throw new UnusableContentError('BAD_ENCODING', 'UTF-32 text is not supported');
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) throw new UnusableContentError('BINARY', 'the object holds binary data (NUL bytes)');
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  if (control > n * 0.1)
    throw new UnusableContentError('BINARY', 'the object holds binary data (control bytes)');
}

/** Windows-1252 code points for bytes 0x80-0x9F (the rest of the range equals ISO-8859-1). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252 decoding done here: some Node builds decode the `windows-1252` label as plain
 * ISO-8859-1, turning curly quotes and dashes into C1 control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  const codes = new Array<number>(CHUNK);
  for (let off = 0; off < bytes.length; off += CHUNK) {
    const end = Math.min(bytes.length, off + CHUNK);
    codes.length = end - off;
    for (let i = off; i < end; i++) {
      const b = bytes[i]!;
      codes[i - off] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

function supported(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/** The charset an HTML or XML document declares in its first bytes (meta charset, http-equiv, XML declaration). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = decodeWindows1252(bytes.subarray(0, 4096));
  const xml = /^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]{1,40})["']/i.exec(head);
  if (xml) return xml[1];
  const meta = /<meta\b[^>]{0,300}?charset\s*=\s*["']?\s*([\w.:-]{1,40})/i.exec(head);
  if (meta) return meta[1];
  return undefined;
}

/** Charset parameter of a Content-Type header. */
export function contentTypeCharset(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*"?([\w.:-]{1,40})/i.exec(contentType);
  return m?.[1];
}

/**
 * Decodes bytes to text: a BOM wins (UTF-8, UTF-16 LE/BE); then valid UTF-8; then the charset
 * declared by the Content-Type or the document itself; then Windows-1252 (the WHATWG reading of
 * ISO-8859-1). The BOM is never part of the result.
 */
export function decodeText(bytes: Uint8Array, contentType?: string): Decoded {
  const bom = bomEncoding(bytes);
  if (bom) {
    const body = bytes.subarray(bom.skip);
    try {
      return { text: new TextDecoder(bom.encoding, { fatal: true }).decode(body), encoding: bom.encoding };
    } catch (cause) {
      throw new UnusableContentError(
        'BAD_ENCODING',
        `the object starts with a ${bom.encoding} BOM but is not valid ${bom.encoding}`,
        { cause },
      );
    }
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: fall through to declared and legacy charsets.
  }
  const declared = [contentTypeCharset(contentType), declaredCharset(bytes)];
  // Mostly UTF-8 with a few broken sequences (a truncated upload, one pasted Latin-1 byte):
  // keep UTF-8, with U+FFFD for the broken bytes, rather than misreading every accent.
  const lossy = new TextDecoder('utf-8').decode(bytes);
  let bad = 0;
  let good = 0;
  for (let i = 0; i < lossy.length; i++) {
    const c = lossy.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) good++;
  }
  const declaredUtf8 = declared.some((l) => l && supported(l) === 'utf-8');
  if ((declaredUtf8 && bad <= good + 10) || (good > 0 && bad * 4 <= good))
    return { text: lossy, encoding: 'utf-8' };
  for (const label of declared) {
    if (!label) continue;
    const enc = supported(label);
    if (enc === 'windows-1252') return { text: decodeWindows1252(bytes), encoding: enc };
    if (enc && enc !== 'utf-8' && !enc.startsWith('utf-16')) {
      return { text: new TextDecoder(enc).decode(bytes), encoding: enc };
    }
  }
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}
