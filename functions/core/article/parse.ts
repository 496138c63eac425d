import { UnusableContentError } from '../errors.ts';
import type { Article } from '../types.ts';
import { parsePlainText } from './formats/text.ts';

/** What is known about an object besides its bytes. */
export interface ObjectHints {
  /** Object key or file name; its extension is a hint only, content decides. */
  readonly filename?: string;
  readonly contentType?: string;
  readonly contentEncoding?: string;
}

export interface ParseLimits {
  /** Cap on the decompressed size of a compressed object, in bytes. */
  readonly maxDecompressedBytes: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDecompressedBytes: 20 * 1024 * 1024 };

/**
 * Turns the bytes of one object into the articles it holds (one for most formats, many for
 * JSON arrays, JSON Lines and packages). Throws UnusableContentError with a reason code when
 * the content cannot be used; never for a transient reason.
 */
export function parseObject(
  bytes: Uint8Array,
  hints: ObjectHints = {},
  _limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Article[] {
  if (bytes.length === 0) throw new UnusableContentError('EMPTY', 'the object is empty');
  if (bytes.includes(0)) throw new UnusableContentError('BINARY', 'the object holds binary data');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new UnusableContentError('BAD_ENCODING', 'the object is not valid UTF-8', { cause });
  }
  void hints;
  return [parsePlainText(text)];
}
