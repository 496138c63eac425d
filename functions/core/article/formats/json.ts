import { UnusableContentError } from '../../errors.ts';
import type { Article } from '../../types.ts';
import type { FormatResult, SkippedEntry } from '../parse.ts';
import { clean, joinParagraphs, normalizeDate, present, splitParagraphs } from '../text-util.ts';
import { htmlToParagraphs } from './html/index.ts';
import { matchDateline } from './text.ts';

type Json = Record<string, unknown>;

/**
 * Field mapping, first match wins (keys compared case-insensitively; `a.b` reads a nested key).
 * Documented in docs/formats.md; keep the two in step.
 */
export const JSON_FIELDS = {
  title: [
    'title',
    'headline',
    'headline.main',
    'headline.default',
    'webTitle',
    'title.rendered',
    'name',
    'hl1',
  ],
  body: [
    'body',
    'articleBody',
    'content',
    'text',
    'bodyText',
    'body_text',
    'fields.bodyText',
    'fields.body',
    'content.rendered',
    'story',
    'fullText',
    'full_text',
    'html',
    'description',
    'summary',
    'abstract',
    'lead_paragraph',
  ],
  deck: [
    'deck',
    'dek',
    'subtitle',
    'subheadline',
    'standfirst',
    'description',
    'summary',
    'abstract',
    'excerpt',
    'trailText',
    'fields.trailText',
    'snippet',
  ],
  byline: ['byline', 'byline.original', 'author', 'authors', 'creator', 'by', 'fields.byline', 'writer'],
  published: [
    'publishedAt',
    'published',
    'published_at',
    'datePublished',
    'pubDate',
    'pub_date',
    'publishDate',
    'publish_date',
    'webPublicationDate',
    'firstPublished',
    'date',
    'created_at',
    'createdAt',
    'timestamp',
  ],
  modified: ['updatedAt', 'dateModified', 'modified', 'updated', 'updated_at', 'lastModified'],
  outlet: [
    'source',
    'source.name',
    'outlet',
    'publisher',
    'siteName',
    'site_name',
    'provider',
    'sourceName',
    'source_name',
    'publication',
  ],
  url: ['url', 'link', 'webUrl', 'web_url', 'canonicalUrl', 'canonical_url', 'permalink', 'uri'],
  dateline: ['dateline'],
  language: ['language', 'lang', 'inLanguage', 'locale'],
  section: ['section', 'sectionName', 'section_name', 'category', 'news_desk', 'pillarName'],
  subjects: ['subjects', 'keywords', 'tags', 'categories', 'topics'],
  id: ['id', '_id', 'guid', 'uuid', 'article_id', 'articleId', 'uri', 'slug', 'key'],
  status: ['pubStatus', 'status', 'state'],
} as const;

/** Envelopes holding a list of articles. */
const LIST_KEYS = [
  'articles',
  'items',
  'results',
  'response.results',
  'response.docs',
  'docs',
  'data',
  'hits.hits',
  'entries',
  'stories',
  'news',
  'value',
];
/** Envelopes holding one article. */
const NESTED_KEYS = ['article', 'story', 'item', 'data', 'result', 'response.content', 'content', '_source'];

const RETRACTED = /^(?:stat:)?(?:canceled|cancelled|withdrawn|withheld|retracted|deleted|killed)$/i;

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function getKey(o: Json, key: string): unknown {
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function getPath(o: Json, path: string): unknown {
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = getKey(cur, part);
  }
  return cur;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return clean(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (isObject(v))
    return clean(v.name) ?? clean(v.text) ?? clean(v.rendered) ?? clean(v.main) ?? clean(v.value);
  return undefined;
}

function names(v: unknown): string[] {
  if (Array.isArray(v)) return v.slice(0, 50).flatMap((x) => names(x));
  if (isObject(v)) {
    const direct = clean(v.name) ?? clean(v.original) ?? clean(v.label) ?? clean(v.title) ?? clean(v.value);
    if (direct) return [direct];
    const first = clean(v.firstname ?? v.first_name ?? v.givenName);
    const last = clean(v.lastname ?? v.last_name ?? v.familyName);
    const full = [first, last].filter(Boolean).join(' ');
    return full ? [full] : [];
  }
  const s = text(v);
  return s ? [s] : [];
}

function pick(o: Json, keys: readonly string[]): { key: string; value: unknown } | undefined {
  for (const k of keys) {
    const v = getPath(o, k);
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    return { key: k, value: v };
  }
  return undefined;
}

/** Body text from a string that may be HTML or plain text; NewsAPI's `[+123 chars]` marker removed. */
export function bodyFromString(raw: string): string {
  const s = raw.replace(/\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$/, '');
  if (/<(?:p|br|div|h[1-6]|li|blockquote|span|a|strong|em)\b[^>]{0,500}>/i.test(s.slice(0, 100000)))
    return joinParagraphs(htmlToParagraphs(s));
  return joinParagraphs(splitParagraphs(s.includes('\n\n') ? s : s.replace(/\r?\n/g, '\n\n')));
}

function bodyOf(v: unknown): string {
  if (typeof v === 'string') return bodyFromString(v);
  if (Array.isArray(v)) {
    // A list of paragraphs (strings or {text}/{content} blocks).
    const parts: string[] = [];
    for (const x of v.slice(0, 100000)) {
      if (typeof x === 'string') parts.push(bodyFromString(x));
      else if (isObject(x)) {
        const t = x.text ?? x.content ?? x.value ?? x.html;
        if (typeof t === 'string') parts.push(bodyFromString(t));
      }
    }
    return joinParagraphs(parts.flatMap((p) => p.split('\n\n')));
  }
  if (isObject(v)) {
    const inner = v.text ?? v.rendered ?? v.html ?? v.value ?? v.content ?? v.body;
    return inner === undefined ? '' : bodyOf(inner);
  }
  return '';
}

/** Maps one JSON object to an article; throws MISSING_FIELDS naming what is missing. */
export function articleFromJson(input: Json, position?: number): Article {
  // Unwrap a nested article ({"article": {...}}), keeping outer fields as fallbacks.
  let o = input;
  for (let depth = 0; depth < 3; depth++) {
    const nested = NESTED_KEYS.map((k) => getPath(o, k)).find((v) => isObject(v) && hasBody(v));
    if (!nested || !isObject(nested) || hasOwnBody(o)) break;
    o = { ...o, ...nested };
  }
  const bodyField = pick(o, JSON_FIELDS.body);
  const body = bodyField ? bodyOf(bodyField.value) : '';
  const status = text(pick(o, JSON_FIELDS.status)?.value);
  const retracted =
    (status !== undefined && RETRACTED.test(status)) ||
    o.retracted === true ||
    o.withdrawn === true ||
    o.deleted === true;
  if (!body && !retracted) {
    const keys = Object.keys(o).slice(0, 20).join(', ');
    throw new UnusableContentError(
      'MISSING_FIELDS',
      `JSON article${position !== undefined ? ` #${position}` : ''} has no body: none of ` +
        `${JSON_FIELDS.body.slice(0, 6).join(', ')} (or the other documented body fields) holds text` +
        (keys ? `; its fields are: ${keys}` : ''),
    );
  }
  const title = text(pick(o, JSON_FIELDS.title)?.value);
  const deckField = pick(o, JSON_FIELDS.deck);
  const deck = deckField && deckField.key !== bodyField?.key ? text(deckField.value) : undefined;
  const byline = names(pick(o, JSON_FIELDS.byline)?.value)
    .map((b) => b.replace(/^by\s+/i, ''))
    .join(', ');
  const published = normalizeDate(pick(o, JSON_FIELDS.published)?.value);
  const modified = normalizeDate(pick(o, JSON_FIELDS.modified)?.value);
  const outlet = names(pick(o, JSON_FIELDS.outlet)?.value)[0];
  const urlRaw = text(pick(o, JSON_FIELDS.url)?.value);
  const url = urlRaw && /^https?:\/\//i.test(urlRaw) ? urlRaw : undefined;
  const dateline = text(pick(o, JSON_FIELDS.dateline)?.value) ?? matchDateline(body.slice(0, 200));
  const language = text(pick(o, JSON_FIELDS.language)?.value);
  const section = names(pick(o, JSON_FIELDS.section)?.value)[0];
  const subjects = names(pick(o, JSON_FIELDS.subjects)?.value);
  const idValue = pick(o, JSON_FIELDS.id)?.value;
  const id = typeof idValue === 'string' || typeof idValue === 'number' ? text(idValue) : undefined;
  return {
    format: 'json',
    ...present({
      id: id || (position !== undefined ? String(position) : undefined),
      title,
      deck: deck !== body ? deck : undefined,
      byline,
      published,
      modified,
      outlet,
      dateline,
      url,
      language,
      section,
      subjects,
      retracted,
    }),
    body,
  };
}

function hasOwnBody(o: Json): boolean {
  const f = pick(o, JSON_FIELDS.body.slice(0, 12));
  return !!f && (typeof f.value === 'string' || Array.isArray(f.value));
}

function hasBody(o: Json): boolean {
  return pick(o, JSON_FIELDS.body) !== undefined;
}

function listOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isObject(value)) return undefined;
  if (hasOwnBody(value)) return undefined;
  for (const k of LIST_KEYS) {
    const v = getPath(value, k);
    if (Array.isArray(v) && v.some(isObject))
      return v.map((x) => (isObject(x) && isObject(x._source) ? x._source : x));
  }
  return undefined;
}

function fromValues(values: unknown[], multi: boolean): FormatResult {
  const articles: Article[] = [];
  const skipped: SkippedEntry[] = [];
  values.forEach((v, index) => {
    if (!isObject(v)) {
      skipped.push({ index, reason: 'MISSING_FIELDS', message: `JSON entry #${index} is not an object` });
      return;
    }
    try {
      articles.push(articleFromJson(v, multi ? index : undefined));
    } catch (e) {
      if (!(e instanceof UnusableContentError)) throw e;
      skipped.push({ index, reason: e.reason, message: e.message });
    }
  });
  return { articles, skipped };
}

/** JSON: one article, an array or envelope of articles, or JSON Lines. */
export function parseJson(raw: string): FormatResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const lines = raw.split('\n').filter((l) => l.trim() !== '');
    if (lines.length < 2) {
      throw new UnusableContentError('UNPARSEABLE', `invalid JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
    // JSON Lines: one JSON value per line; a broken line is skipped, not fatal.
    const values: unknown[] = [];
    const bad: SkippedEntry[] = [];
    lines.forEach((line, index) => {
      try {
        values[index] = JSON.parse(line);
      } catch (e) {
        values[index] = undefined;
        bad.push({
          index,
          reason: 'UNPARSEABLE',
          message: `line ${index + 1} is not valid JSON: ${(e as Error).message}`,
        });
      }
    });
    if (bad.length === lines.length)
      throw new UnusableContentError('UNPARSEABLE', `invalid JSON: ${(error as Error).message}`, {
        cause: error,
      });
    const result = fromValues(values, true);
    const skipped = [...bad, ...result.skipped.filter((s) => !bad.some((b) => b.index === s.index))].sort(
      (a, b) => a.index - b.index,
    );
    return { articles: result.articles, skipped };
  }
  const list = listOf(value);
  if (list) {
    if (list.length === 0)
      throw new UnusableContentError('NO_BODY', 'the JSON document holds an empty list of articles');
    return fromValues(list, true);
  }
  if (!isObject(value))
    throw new UnusableContentError(
      'MISSING_FIELDS',
      `the JSON document is a ${typeof value}, not an article object`,
    );
  return { articles: [articleFromJson(value)], skipped: [] };
}
