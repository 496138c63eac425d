import { UnusableContentError } from '../../../errors.ts';
import type { Article } from '../../../types.ts';
import { joinParagraphs } from '../../text-util.ts';
import { parseMarkup, walk } from './dom.ts';
import {
  DEFAULT_EXTRACT_PARAMS,
  type ExtractParams,
  extractBody,
  type HtmlBody,
  paragraphsOf,
  tidyParagraphs,
} from './extract.ts';
import { type HtmlMetadata, readMetadata } from './metadata.ts';
import { readabilityArticle } from './second-opinion.ts';

/**
 * An HTML page: the article body with boilerplate removed, plus its metadata.
 *
 * Our own extraction comes first. Its confidence is measured against the page: how much of the
 * page's prose it kept, and how long it is. When it is weak, a second reading of the page
 * (Readability.js) is consulted, and the page's own JSON-LD `articleBody` always is when
 * present; another reading replaces ours when it holds most of ours and is much longer (ours was
 * a fragment of it), or when ours is weak and shares almost nothing with it (ours read something
 * else). A page that still has no article text fails with NO_BODY and a message saying what the
 * page holds instead.
 */

/** The tunable constants of page reading; `eval html --cv` fits them leaving each web domain out. */
export interface HtmlParams extends ExtractParams {
  /** Our reading is weak when it kept less than this share of the page's prose... */
  readonly weakShare: number;
  /** ...or fewer prose characters than this. */
  readonly weakChars: number;
  /** Another reading replaces ours when it holds at least this share of our text's shingles... */
  readonly containShare: number;
  /** ...and is at least this many times as long. */
  readonly growRatio: number;
}

export const DEFAULT_HTML_PARAMS: HtmlParams = {
  ...DEFAULT_EXTRACT_PARAMS,
  weakShare: 0.5,
  weakChars: 500,
  containShare: 0.6,
  growRatio: 2,
};

export interface HtmlOptions {
  readonly params?: HtmlParams;
  /** Consult Readability.js when our reading is weak (default true). */
  readonly secondOpinion?: boolean;
  /** A Readability.js reading computed beforehand (evaluation reuses one across parameter sets). */
  readonly readability?: () => string[] | undefined;
}

export type BodySource = 'own' | 'readability' | 'json-ld';

export interface HtmlReading {
  readonly article: Article;
  /** Which reading the body comes from. */
  readonly source: BodySource;
  /** Whether our own reading was weak (and Readability.js was consulted). */
  readonly weak: boolean;
}

const SHINGLE = 4;
const WORD = /[\p{L}\p{N}_]+/gu;

/** 4-word shingles of a text, as a multiset. */
function shingles(text: string): Map<string, number> {
  const words = text.match(WORD) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    const key = words.slice(i, i + SHINGLE).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  if (words.length > 0 && words.length < SHINGLE) out.set(words.join(' '), 1);
  return out;
}

/** Share of `part`'s shingles found in `whole`. */
export function containment(part: string, whole: string): number {
  const p = shingles(part);
  if (p.size === 0) return 0;
  const w = shingles(whole);
  let hit = 0;
  let all = 0;
  for (const [k, n] of p) {
    all += n;
    hit += Math.min(n, w.get(k) ?? 0);
  }
  return hit / all;
}

interface Reading {
  readonly source: BodySource;
  readonly paragraphs: string[];
  readonly text: string;
}

function reading(source: BodySource, paragraphs: string[], title: string | undefined): Reading {
  const kept = dropLeadingHeadline(paragraphs, title);
  return { source, paragraphs: kept, text: joinParagraphs(kept) };
}

const key = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The headline repeated in a styled element at the top of the body is not body text. */
function dropLeadingHeadline(paragraphs: string[], title: string | undefined): string[] {
  const out = [...paragraphs];
  while (title && out.length > 1 && key(out[0]!) === key(title)) out.shift();
  return out;
}

/** Prose characters of a reading: paragraphs long enough to be sentences. */
function proseChars(paragraphs: readonly string[]): number {
  let n = 0;
  for (const p of paragraphs) if (p.length >= 40) n += p.length;
  return n;
}

/**
 * Whether `other` should replace `current` as the body: when `current` is empty, when it is a
 * fragment of `other` (most of it is in `other`, which is much longer), or when `current` may
 * have read the wrong part of the page (`mayDiffer`) and shares almost nothing with the much
 * longer `other`.
 */
function replaces(current: Reading, other: Reading, mayDiffer: boolean, params: HtmlParams): boolean {
  if (other.text.length === 0 || proseChars(other.paragraphs) === 0) return false;
  if (current.text.length === 0) return true;
  if (other.text.length < params.growRatio * current.text.length) return false;
  const held = containment(current.text, other.text);
  if (held >= params.containShare) return true;
  return mayDiffer && held < 1 - params.containShare;
}

/** Our own reading of a page: its metadata and our body extraction with its signals. */
export interface OwnReading {
  readonly meta: HtmlMetadata;
  readonly own: HtmlBody;
}

export function readOwn(html: string, params: ExtractParams = DEFAULT_EXTRACT_PARAMS): OwnReading {
  const doc = parseMarkup(html);
  const meta = readMetadata(doc);
  return { meta, own: extractBody(doc, params) };
}

/** Reads a page: metadata, and the body from the most credible reading. */
export function readHtml(html: string, options: HtmlOptions = {}): HtmlReading {
  return decideBody(html, readOwn(html, options.params ?? DEFAULT_HTML_PARAMS), options);
}

/** The body from our reading, the page's JSON-LD and, when ours is weak, Readability.js. */
export function decideBody(html: string, { meta, own }: OwnReading, options: HtmlOptions = {}): HtmlReading {
  const params = options.params ?? DEFAULT_HTML_PARAMS;
  let best = reading('own', own.paragraphs, meta.title);
  // Most of the page's prose is outside our reading: the article may be elsewhere.
  const elsewhere = own.bodyProse < params.weakShare * own.pageProse;
  const weak = best.text.length === 0 || own.bodyProse < params.weakChars || elsewhere;

  if (meta.ldArticleBody) {
    const ld = reading('json-ld', meta.ldArticleBody.split(/\n\s*\n|\r?\n/), meta.title);
    // The page's own statement of its article body may differ from a weak reading of ours.
    if (replaces(best, ld, weak, params)) best = ld;
  }
  if (weak && options.secondOpinion !== false) {
    const paragraphs = options.readability ? options.readability() : secondOpinion(own);
    if (paragraphs) {
      const second = reading('readability', tidyParagraphs(paragraphs), meta.title);
      if (replaces(best, second, elsewhere, params)) best = second;
    }
  }
  if (best.source !== 'json-ld' && looksLikeIndex(own, meta)) {
    throw new UnusableContentError('NO_BODY', describeIndex(own));
  }
  if (isWall(best.paragraphs))
    throw new UnusableContentError(
      'NO_BODY',
      'the page holds no article text, only a login, subscription or consent wall',
    );
  if (best.text.length === 0) throw new UnusableContentError('NO_BODY', describeEmptyPage(html));
  const { ldArticleBody: _ld, declaredKind: _kind, ...fields } = meta;
  return { article: { format: 'html', ...fields, body: best.text }, source: best.source, weak };
}

/** Readability.js's paragraphs for a page (read as `readHtml` reads it), or undefined when it finds none. */
export function readabilityParagraphs(html: string): string[] | undefined {
  return secondOpinion(readOwn(html).own);
}

function secondOpinion(own: HtmlBody): string[] | undefined {
  const article = readabilityArticle(own.page);
  return article ? paragraphsOf(article) : undefined;
}

/**
 * An index or section page: a list of headline links with short summaries, where the page does
 * not declare itself an article. Most of the reading's paragraphs follow a headline link, and
 * they are short (under 200 characters on average).
 */
function looksLikeIndex(own: HtmlBody, meta: HtmlMetadata): boolean {
  if (meta.declaredKind === 'article') return false;
  const chars = own.paragraphs.reduce((n, p) => n + p.length, 0);
  return (
    own.teasers >= 4 && own.teasers >= 0.6 * own.paragraphs.length && chars < 200 * own.paragraphs.length
  );
}

function describeIndex(own: HtmlBody): string {
  return `the page is an index, not an article: ${own.headlineLinks} headline links, ${own.teasers} of them with a short summary, and no article text`;
}

/**
 * Sentences of a login, subscription or consent wall ("Subscribe to continue reading", "Log in
 * to read this story", "We use cookies..."), written as phrases, not single words, so that an
 * article about cookies or passwords is not one.
 */
const WALL_PHRASE =
  /\b(?:(?:log|sign) ?in (?:to (?:continue|read|view|access|keep reading|unlock)|or (?:register|subscribe|create))|subscribe (?:now |today )?to (?:continue|read|keep reading|unlock|access)|(?:already|become) a (?:subscriber|member)\b|create (?:a free |an )?account to|to continue reading|continue reading (?:with|for) (?:free|only|just)|(?:is|are) (?:only )?(?:available|reserved|exclusive) (?:to|for) (?:our )?(?:subscribers|members)|we use cookies|(?:accept|allow) (?:all )?cookies|enable javascript|javascript is (?:disabled|required))/i;

/** A short reading made of wall sentences: no article behind it. */
function isWall(paragraphs: readonly string[]): boolean {
  let chars = 0;
  let wall = 0;
  let prose = 0;
  for (const p of paragraphs) {
    chars += p.length;
    if (p.length < 40) continue;
    prose++;
    if (WALL_PHRASE.test(p)) wall++;
  }
  return chars < 800 && wall > 0 && wall * 2 >= prose;
}

const WALL_WORDS =
  /\b(?:log ?in|sign ?in|sign ?up|subscribe|subscription|subscriber|register|create an account|password|cookies?|consent|enable javascript|javascript is disabled|paywall)\b/i;

/** What a page without article text holds instead, in a few words. */
export function describeEmptyPage(html: string): string {
  const doc = parseMarkup(html);
  let links = 0;
  let linkChars = 0;
  let textChars = 0;
  let password = false;
  let inLink = 0;
  const words: string[] = [];
  walk(
    doc,
    (n) => {
      if (n.kind === 'text') {
        const t = n.text.trim();
        textChars += t.length;
        if (inLink > 0) linkChars += t.length;
        else if (t.length > 0 && words.length < 200) words.push(t);
        return true;
      }
      if (n.tag === 'script' || n.tag === 'style' || n.tag === 'template' || n.tag === 'head') return false;
      if (n.tag === 'a') {
        links++;
        inLink++;
      }
      if (n.tag === 'input' && (n.attrs.type ?? '').toLowerCase() === 'password') password = true;
      return true;
    },
    (el) => {
      if (el.tag === 'a') inLink--;
    },
  );
  const plain = textChars - linkChars;
  if (password || WALL_WORDS.test(words.join(' ')))
    if (plain < 2000) return 'the page holds no article text, only a login, subscription or consent wall';
  if (links >= 10 && linkChars >= plain)
    return `the page holds no article text, only links (${links} of them: a menu, index or error page)`;
  return `the page holds no article text: ${plain} characters of text outside links, none of it in sentence-long paragraphs`;
}

/** An HTML page's article (see `readHtml`). */
export function parseHtml(html: string, options: HtmlOptions = {}): Article {
  return readHtml(html, options).article;
}

/** Plain paragraphs of an HTML fragment, no boilerplate removal (block elements become paragraphs). */
export function htmlToParagraphs(html: string): string[] {
  const doc = parseMarkup(html);
  return paragraphsOf(doc);
}
