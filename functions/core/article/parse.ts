import { UnusableContentError } from '../errors.ts';
import type { Article, ArticleFormat } from '../types.ts';
import { decompress } from './decompress.ts';
import { detectFormat } from './detect.ts';
import { assertNotBinary, decodeText } from './encoding.ts';
import { parseHtml } from './formats/html/index.ts';
import { parseJson } from './formats/json.ts';
import { parseMarkdown } from './formats/markdown.ts';
import { parseNewsMlG2 } from './formats/newsml-g2.ts';
import { parseNitf } from './formats/nitf.ts';
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

/** An entry of a multi-article file that could not be used (the others still are). */
export interface SkippedEntry {
  /** Position of the entry in the file, from 0. */
  readonly index: number;
  readonly reason: UnusableContentError['reason'];
  readonly message: string;
}

export interface ParsedObject {
  readonly format: ArticleFormat;
  /** Text encoding the object was read with (WHATWG name). */
  readonly encoding: string;
  readonly compressed: boolean;
  readonly articles: Article[];
  readonly skipped: SkippedEntry[];
}

export interface FormatResult {
  readonly articles: Article[];
  readonly skipped: SkippedEntry[];
}

function dispatch(format: ArticleFormat, text: string): FormatResult {
  switch (format) {
    case 'html':
      return { articles: [parseHtml(text)], skipped: [] };
    case 'json':
      try {
        return parseJson(text);
      } catch (error) {
        // "[Updated] Headline ..." is text that merely starts with a bracket: with no
        // `"key":` anywhere near the start it was never meant as JSON.
        if (
          error instanceof UnusableContentError &&
          error.reason === 'UNPARSEABLE' &&
          !/"\s*:/.test(text.slice(0, 2000))
        )
          return { articles: [parsePlainText(text)], skipped: [] };
        throw error;
      }
    case 'nitf':
      return { articles: [parseNitf(text)], skipped: [] };
    case 'newsml-g2':
      return parseNewsMlG2(text);
    case 'markdown':
      return { articles: [parseMarkdown(text)], skipped: [] };
    case 'text':
      return { articles: [parsePlainText(text)], skipped: [] };
  }
}

/**
 * Articles of one file are keyed by their id: a repeated id (two JSON Lines entries with the
 * same "id") gets its position appended, so neither overwrites the other.
 */
function uniqueIds(articles: Article[]): Article[] {
  if (articles.length < 2) return articles;
  const seen = new Set<string>();
  return articles.map((a, i) => {
    if (a.id === undefined) return a;
    if (!seen.has(a.id)) {
      seen.add(a.id);
      return a;
    }
    const id = `${a.id}#${i}`;
    seen.add(id);
    return { ...a, id };
  });
}

/**
 * Like parseObject, with the details: detected format, encoding, and the entries of a
 * multi-article file that were skipped (with their reason).
 */
export function parseObjectDetailed(
  bytes: Uint8Array,
  hints: ObjectHints = {},
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): ParsedObject {
  try {
    if (bytes.length === 0) throw new UnusableContentError('EMPTY', 'the object is empty');
    const filename = hints.filename ?? '';
    const encodingHint = hints.contentEncoding ?? (/\.(?:gz|gzip)$/i.test(filename) ? 'gzip' : undefined);
    const raw = decompress(bytes, encodingHint, limits.maxDecompressedBytes);
    if (raw.bytes.length === 0)
      throw new UnusableContentError('EMPTY', 'the object is empty once decompressed');
    assertNotBinary(raw.bytes);
    const { text, encoding } = decodeText(raw.bytes, hints.contentType);
    if (text.trim().length === 0) throw new UnusableContentError('EMPTY', 'the object holds only whitespace');
    const format = detectFormat(text, hints);
    const { articles: parsed, skipped } = dispatch(format, text);
    const articles = uniqueIds(parsed);
    if (articles.length === 0) {
      const first = skipped[0];
      if (first) throw new UnusableContentError(first.reason, first.message);
      throw new UnusableContentError('NO_BODY', 'the object holds no article');
    }
    return { format: articles[0]?.format ?? format, encoding, compressed: raw.compressed, articles, skipped };
  } catch (error) {
    if (error instanceof UnusableContentError) throw error;
    // Anything else (a stack overflow on hostile input, a parser bug) is still unusable content:
    // retrying the same bytes cannot succeed.
    const message = error instanceof Error ? error.message : String(error);
    throw new UnusableContentError('UNPARSEABLE', `the object could not be parsed: ${message}`, {
      cause: error,
    });
  }
}

/**
 * Turns the bytes of one object into the articles it holds (one for most formats, many for
 * JSON arrays, JSON Lines and packages). Throws UnusableContentError with a reason code when
 * the content cannot be used; never for a transient reason.
 */
export function parseObject(
  bytes: Uint8Array,
  hints: ObjectHints = {},
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Article[] {
  return parseObjectDetailed(bytes, hints, limits).articles;
}
