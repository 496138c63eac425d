import { Gunzip, Inflate, Unzlib } from 'fflate';
import { UnusableContentError } from '../errors.ts';

/** Input is fed in small chunks so that a bomb overshoots the cap by little before it is stopped. */
const CHUNK = 4 * 1024;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function isZlib(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  const cmf = bytes[0]!;
  const flg = bytes[1]!;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

type Stream = {
  ondata: (chunk: Uint8Array, final: boolean) => void;
  push(c: Uint8Array, final?: boolean): void;
};

function inflateCapped(make: () => Stream, bytes: Uint8Array, maxBytes: number, what: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const stream = make();
  stream.ondata = (chunk) => {
    total += chunk.length;
    if (total > maxBytes)
      throw new UnusableContentError(
        'DECOMPRESSED_TOO_LARGE',
        `the ${what} content expands beyond the ${maxBytes}-byte cap`,
      );
    parts.push(chunk);
  };
  try {
    for (let i = 0; i < bytes.length; i += CHUNK) {
      const end = Math.min(bytes.length, i + CHUNK);
      stream.push(bytes.subarray(i, end), end === bytes.length);
    }
  } catch (cause) {
    if (cause instanceof UnusableContentError) throw cause;
    throw new UnusableContentError('UNPARSEABLE', `the ${what} stream is corrupt or truncated`, { cause });
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * Undoes gzip (recognised by its magic bytes, a `.gz` name or `Content-Encoding: gzip`) and
 * zlib/deflate content encodings, streaming with a cap on the decompressed size. Nested gzip is
 * unwrapped up to three levels. Returns the input unchanged when it is not compressed.
 */
export function decompress(
  bytes: Uint8Array,
  contentEncoding: string | undefined,
  maxBytes: number,
): { bytes: Uint8Array; compressed: boolean } {
  const enc = (contentEncoding ?? '').toLowerCase().trim();
  let out = bytes;
  let compressed = false;
  if ((enc === 'deflate' || enc === 'x-deflate') && !isGzip(out)) {
    out = isZlib(out)
      ? inflateCapped(() => new Unzlib() as unknown as Stream, out, maxBytes, 'deflate')
      : inflateCapped(() => new Inflate() as unknown as Stream, out, maxBytes, 'deflate');
    compressed = true;
  } else if (enc === 'br' || enc === 'zstd' || enc === 'compress') {
    throw new UnusableContentError('UNSUPPORTED_FORMAT', `the content encoding "${enc}" is not supported`);
  }
  for (let level = 0; level < 3 && isGzip(out); level++) {
    out = inflateCapped(() => new Gunzip() as unknown as Stream, out, maxBytes, 'gzip');
    compressed = true;
  }
  return { bytes: out, compressed };
}
