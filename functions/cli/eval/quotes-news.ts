/**
 * `news-ingest eval quotes --news`: scores direct quotations and their speakers on the modern
 * development set, the article bodies of the article-html data set annotated by reading
 * (annotations/article-html/quotes.json; guidelines in docs/annotation.md, "Quotes").
 *
 * Each body runs through the same `extract()` the Lambda runs. A predicted direct quote matches a
 * gold one when they overlap by at least half the gold length (one-to-one, largest overlap first),
 * as the PolNeAR scorer counts. Attribution is correct when the predicted speaker's name or mention,
 * normalised, is the gold canonical name or one of its aliases (a longer name ending with a
 * multi-word gold name also counts: "Press Secretary Jane Roe"); a described speaker ("a
 * spokeswoman for the agency") also matches a prediction with the same head noun. Unmatched
 * predictions that overlap a listed non-quote (title, scare quote, term, nickname, slogan, name) by
 * half its length are counted by kind.
 */

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Quote, Speaker } from '../../core/types.ts';

export const SPEAKER_TYPES = ['PERSON', 'ORGANIZATION', 'description'] as const;
export type GoldSpeakerType = (typeof SPEAKER_TYPES)[number];

export const NON_QUOTE_KINDS = ['title', 'scare', 'term', 'nickname', 'slogan', 'name'] as const;
export type NonQuoteKind = (typeof NON_QUOTE_KINDS)[number];

export interface GoldSpeaker {
  readonly name: string;
  readonly type: GoldSpeakerType;
  readonly aliases: readonly string[];
}

export interface GoldQuote {
  readonly start: number;
  readonly end: number;
  /** Index into the page's speakers; null when nobody is said to speak the words. */
  readonly speaker: number | null;
  readonly mention?: readonly [number, number];
}

export interface GoldNonQuote {
  readonly start: number;
  readonly end: number;
  readonly kind: NonQuoteKind;
}

export interface GoldPage {
  readonly sha256: string;
  readonly language: string;
  readonly speakers: readonly GoldSpeaker[];
  readonly quotes: readonly GoldQuote[];
  readonly nonQuotes: readonly GoldNonQuote[];
}

export interface GoldSet {
  readonly pages: Readonly<Record<string, GoldPage>>;
}

export const DEFAULT_GOLD = fileURLToPath(
  new URL('../../../annotations/article-html/quotes.json', import.meta.url),
);
export const DEFAULT_DATA = '../shared/data/article-html';

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Reads and checks the shape of the annotation file; throws with the first problem found. */
export function parseGold(json: string): GoldSet {
  const raw = JSON.parse(json) as { pages?: Record<string, GoldPage> };
  if (!raw || typeof raw !== 'object' || !raw.pages || typeof raw.pages !== 'object') {
    throw new Error('no "pages" object');
  }
  for (const [id, p] of Object.entries(raw.pages)) {
    const where = `page ${id}`;
    if (!/^[0-9a-f]{64}$/.test(p.sha256 ?? '')) throw new Error(`${where}: sha256 is not 64 hex digits`);
    if (!Array.isArray(p.speakers) || !Array.isArray(p.quotes) || !Array.isArray(p.nonQuotes)) {
      throw new Error(`${where}: speakers, quotes and nonQuotes must be arrays`);
    }
    for (const s of p.speakers) {
      if (typeof s.name !== 'string' || s.name.trim() === '') throw new Error(`${where}: empty speaker name`);
      if (!(SPEAKER_TYPES as readonly string[]).includes(s.type)) {
        throw new Error(`${where}: speaker type '${s.type}' is not one of ${SPEAKER_TYPES.join(', ')}`);
      }
      if (
        !Array.isArray(s.aliases) ||
        s.aliases.some((a: unknown) => typeof a !== 'string' || a.trim() === '')
      ) {
        throw new Error(`${where}: aliases of '${s.name}' must be non-empty strings`);
      }
    }
    const spans: Span[] = [];
    for (const q of p.quotes) {
      checkSpan(q, where);
      if (q.speaker !== null && (!Number.isInteger(q.speaker) || !p.speakers[q.speaker])) {
        throw new Error(`${where}: quote at ${q.start} names no listed speaker`);
      }
      if (q.mention !== undefined) checkSpan({ start: q.mention[0], end: q.mention[1] }, where);
      spans.push(q);
    }
    for (const n of p.nonQuotes) {
      checkSpan(n, where);
      if (!(NON_QUOTE_KINDS as readonly string[]).includes(n.kind)) {
        throw new Error(`${where}: non-quote kind '${n.kind}' is not one of ${NON_QUOTE_KINDS.join(', ')}`);
      }
      spans.push(n);
    }
    spans.sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) {
      if (spans[i]!.start < spans[i - 1]!.end)
        throw new Error(`${where}: spans overlap at ${spans[i]!.start}`);
    }
  }
  return raw as GoldSet;
}

function checkSpan(s: Span, where: string): void {
  if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end <= s.start) {
    throw new Error(`${where}: bad span ${s.start}-${s.end}`);
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// --- speaker names -------------------------------------------------------------------------------

const DETERMINERS = new Set(['the', 'a', 'an', 'one', 'some', 'two', 'several']);
const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'sir',
  'dame',
  'cmdr',
  'lt',
  'col',
  'gen',
  'sgt',
  'capt',
  'sen',
  'rep',
  'gov',
]);
/** Words that end the head phrase of a description ("a spokeswoman for the agency" → spokeswoman). */
const HEAD_STOPS = new Set([
  'for',
  'of',
  'at',
  'in',
  'on',
  'with',
  'from',
  'to',
  'inside',
  'near',
  'who',
  'which',
  'that',
  'whose',
]);

/**
 * Lower case, no diacritics, no possessive 's, letters, digits and inner hyphens only, leading
 * determiners and honorifics dropped: "The agency's Dr. Jane Roe-Smith" → "agency jane roe-smith".
 */
export function normalizeName(s: string): string {
  const words = s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter(Boolean);
  let i = 0;
  while (i < words.length - 1 && (DETERMINERS.has(words[i]!) || HONORIFICS.has(words[i]!))) i++;
  return words.slice(i).join(' ');
}

function singular(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Head noun of a description: the last word before a preposition or relative word, singular. */
export function headNoun(s: string): string {
  const cut = s.split(',')[0] ?? '';
  const words = normalizeName(cut).split(' ').filter(Boolean);
  const stop = words.findIndex((w, i) => i > 0 && HEAD_STOPS.has(w));
  const head = (stop < 0 ? words : words.slice(0, stop)).at(-1);
  return head ? singular(head) : '';
}

function nameMatches(candidate: string, gold: GoldSpeaker): boolean {
  const c = normalizeName(candidate);
  if (!c) return false;
  for (const form of [gold.name, ...gold.aliases]) {
    const g = normalizeName(form);
    if (!g) continue;
    if (c === g) return true;
    // A title in front of a full name: "press secretary jane roe" ends with "jane roe".
    if (g.includes(' ') && c.endsWith(` ${g}`)) return true;
  }
  if (gold.type === 'description') {
    const heads = new Set([gold.name, ...gold.aliases].map(headNoun).filter(Boolean));
    if (heads.has(headNoun(candidate))) return true;
  }
  return false;
}

/** Is the predicted speaker the gold speaker? */
export function speakerMatches(pred: Speaker | null, gold: GoldSpeaker): boolean {
  if (!pred) return false;
  return nameMatches(pred.name, gold) || nameMatches(pred.mention.text, gold);
}

// --- matching and counting -----------------------------------------------------------------------

function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * One-to-one matching, largest overlap first, each pair overlapping at least half the gold length
 * (the rule of the PolNeAR quote scorer). Returns prediction index → gold index.
 */
export function matchHalfGold(preds: readonly Span[], golds: readonly Span[]): Map<number, number> {
  const pairs: [number, number, number][] = [];
  for (let p = 0; p < preds.length; p++) {
    for (let g = 0; g < golds.length; g++) {
      const ov = overlap(preds[p]!, golds[g]!);
      if (ov > 0 && ov >= 0.5 * (golds[g]!.end - golds[g]!.start)) pairs.push([ov, p, g]);
    }
  }
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedG = new Set<number>();
  const out = new Map<number, number>();
  for (const [, p, g] of pairs) {
    if (out.has(p) || usedG.has(g)) continue;
    usedG.add(g);
    out.set(p, g);
  }
  return out;
}

export interface NewsCounts {
  pages: number;
  gold: number;
  predicted: number;
  matched: number;
  /** Matched quotes whose gold has a speaker. */
  matchedWithSpeaker: number;
  correct: number;
  /** True positives end to end: matched, and the speaker right (or both absent). */
  endToEnd: number;
  matchedNamed: number;
  correctNamed: number;
  matchedDescribed: number;
  correctDescribed: number;
  /** Matched quotes credited to nobody. */
  unattributed: number;
  falsePositives: number;
  onNonQuotes: Record<NonQuoteKind, number>;
  /** False positives on bodies not in English (annotated with no quotes). */
  onNonEnglish: number;
}

export function emptyNewsCounts(): NewsCounts {
  return {
    pages: 0,
    gold: 0,
    predicted: 0,
    matched: 0,
    matchedWithSpeaker: 0,
    correct: 0,
    endToEnd: 0,
    matchedNamed: 0,
    correctNamed: 0,
    matchedDescribed: 0,
    correctDescribed: 0,
    unattributed: 0,
    falsePositives: 0,
    onNonQuotes: { title: 0, scare: 0, term: 0, nickname: 0, slogan: 0, name: 0 },
    onNonEnglish: 0,
  };
}

/** Scores one page's direct quotes against its annotation; `log` receives one line per mismatch. */
export function scoreNewsPage(
  id: string,
  text: string,
  page: GoldPage,
  quotes: readonly Quote[],
  counts: NewsCounts,
  log?: (line: string) => void,
): void {
  const preds = quotes.filter((q) => q.type === 'direct');
  counts.pages++;
  counts.gold += page.quotes.length;
  counts.predicted += preds.length;
  const snip = (s: Span) => JSON.stringify(text.slice(s.start, s.end).replace(/\s+/g, ' ').slice(0, 80));
  const short = id.slice(0, 12);
  const m = matchHalfGold(preds, page.quotes);
  const unmatched: number[] = [];
  preds.forEach((q, p) => {
    const g = m.get(p);
    if (g === undefined) {
      unmatched.push(p);
      return;
    }
    counts.matched++;
    const gold = page.quotes[g]!;
    const speaker = gold.speaker === null ? null : page.speakers[gold.speaker]!;
    if (!speaker) {
      if (!q.speaker) counts.endToEnd++;
      else log?.(`ATT ${short} ${snip(q)} pred=${q.speaker.name} gold=(nobody)`);
      return;
    }
    counts.matchedWithSpeaker++;
    const named = speaker.type !== 'description';
    if (named) counts.matchedNamed++;
    else counts.matchedDescribed++;
    if (!q.speaker) counts.unattributed++;
    if (speakerMatches(q.speaker, speaker)) {
      counts.correct++;
      counts.endToEnd++;
      if (named) counts.correctNamed++;
      else counts.correctDescribed++;
    } else {
      const pred = q.speaker ? `${q.speaker.name} [${q.speaker.mention.text}]` : 'null';
      log?.(`ATT ${short} ${snip(q)} pred=${pred} gold=${speaker.name} (${speaker.type})`);
    }
  });
  const matchedGold = new Set(m.values());
  page.quotes.forEach((g, i) => {
    if (!matchedGold.has(i)) {
      const s = g.speaker === null ? '(nobody)' : page.speakers[g.speaker]!.name;
      log?.(`FN  ${short} ${snip(g)} gold=${s}`);
    }
  });
  counts.falsePositives += unmatched.length;
  if (page.language !== 'en') counts.onNonEnglish += unmatched.length;
  const fps = unmatched.map((p) => preds[p]!);
  const onNon = matchHalfGold(fps, page.nonQuotes);
  fps.forEach((q, i) => {
    const n = onNon.get(i);
    const kind = n === undefined ? undefined : page.nonQuotes[n]!.kind;
    if (kind) counts.onNonQuotes[kind]++;
    const what = kind ? `on ${kind}` : page.language !== 'en' ? `on ${page.language} text` : 'other';
    log?.(`FP  ${short} ${snip(q)} ${what} pred=${q.speaker?.name ?? 'null'}`);
  });
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

export function summarizeNews(c: NewsCounts): Record<string, number> {
  const p = ratio(c.matched, c.predicted);
  const r = ratio(c.matched, c.gold);
  const ep = ratio(c.endToEnd, c.predicted);
  const er = ratio(c.endToEnd, c.gold);
  return {
    directPrecision: p,
    directRecall: r,
    directF1: f1(p, r),
    attributionAccuracy: ratio(c.correct, c.matchedWithSpeaker),
    namedAccuracy: ratio(c.correctNamed, c.matchedNamed),
    describedAccuracy: ratio(c.correctDescribed, c.matchedDescribed),
    endToEndPrecision: ep,
    endToEndRecall: er,
    endToEndF1: f1(ep, er),
  };
}

/** Counts of the annotation itself: pages, quotes, speakers by type, non-quotes by kind. */
export function describeGold(gold: GoldSet): Record<string, number> {
  const out: Record<string, number> = { pages: 0, notEnglish: 0, quotes: 0, quotesByNobody: 0 };
  for (const t of SPEAKER_TYPES) out[`speakers${t}`] = 0;
  for (const t of SPEAKER_TYPES) out[`quotes${t}`] = 0;
  for (const k of NON_QUOTE_KINDS) out[`nonQuotes_${k}`] = 0;
  for (const p of Object.values(gold.pages)) {
    out.pages!++;
    if (p.language !== 'en') out.notEnglish!++;
    for (const s of p.speakers) out[`speakers${s.type}`]!++;
    for (const q of p.quotes) {
      out.quotes!++;
      if (q.speaker === null) out.quotesByNobody!++;
      else out[`quotes${p.speakers[q.speaker]!.type}`]!++;
    }
    for (const n of p.nonQuotes) out[`nonQuotes_${n.kind}`]!++;
  }
  return out;
}

// --- command -------------------------------------------------------------------------------------

const usage = `usage: news-ingest eval quotes --news [--data DIR] [--gold FILE] [--errors] [--json]

Scores direct quotations and speakers on the article-html bodies annotated by reading: direct
precision/recall/F1 (overlap of half the gold length, one-to-one), attribution accuracy (named and
described speakers), end-to-end F1, and predictions that fall on listed non-quotes, by kind.
DIR holds ground-truth.json (default ${DEFAULT_DATA}); FILE is the annotation
(default annotations/article-html/quotes.json). --errors lists every miss, false quote and wrong
speaker; --json prints the figures as one JSON object.`;

export async function run(argv: string[]): Promise<number> {
  let data = DEFAULT_DATA;
  let goldPath = DEFAULT_GOLD;
  let errors = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data' && argv[i + 1]) data = argv[++i]!;
    else if (a === '--gold' && argv[i + 1]) goldPath = argv[++i]!;
    else if (a === '--errors') errors = true;
    else if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${usage}\n`);
      return 0;
    } else {
      process.stderr.write(`eval quotes --news: unknown argument '${a}'\n\n${usage}\n`);
      return 2;
    }
  }
  const truthPath = join(resolve(data), 'ground-truth.json');
  if (!existsSync(truthPath)) {
    process.stderr.write(
      `eval quotes --news: ${truthPath} not found: the article-html data set is needed (--data DIR)\n`,
    );
    return 1;
  }
  let gold: GoldSet;
  try {
    gold = parseGold(readFileSync(goldPath, 'utf8'));
  } catch (err) {
    process.stderr.write(`eval quotes --news: cannot read ${goldPath}: ${(err as Error).message}\n`);
    return 1;
  }
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, { articleBody?: string }>;
  const ids = Object.keys(gold.pages).sort();
  for (const id of ids) {
    const body = truth[id]?.articleBody;
    if (typeof body !== 'string') {
      process.stderr.write(`eval quotes --news: page ${id} is annotated but absent from ${truthPath}\n`);
      return 1;
    }
    if (sha256(body) !== gold.pages[id]!.sha256) {
      process.stderr.write(
        `eval quotes --news: the body of page ${id} does not match its annotation (SHA-256 differs)\n`,
      );
      return 1;
    }
  }
  // The recogniser and its model load only once the inputs are known to be good.
  const { extract } = await import('../../core/nlp/extract.ts');
  const counts = emptyNewsCounts();
  const log = errors ? (line: string) => process.stdout.write(`${line}\n`) : undefined;
  for (const id of ids) {
    const body = truth[id]!.articleBody!;
    scoreNewsPage(id, body, gold.pages[id]!, extract(body).quotes, counts, log);
  }
  const s = summarizeNews(counts);
  const g = describeGold(gold);
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...counts, ...s, annotation: g })}\n`);
    return 0;
  }
  const pct = (x: number) => x.toFixed(3);
  const kinds = NON_QUOTE_KINDS.map((k) => `${k} ${counts.onNonQuotes[k]}`).join(', ');
  const onNon = NON_QUOTE_KINDS.reduce((n, k) => n + counts.onNonQuotes[k], 0);
  process.stdout.write(
    [
      `Modern quotes (article-html): ${counts.pages} pages, ${counts.gold} gold direct quotes, ${counts.predicted} predicted`,
      `direct quotes   P ${pct(s.directPrecision!)}  R ${pct(s.directRecall!)}  F1 ${pct(s.directF1!)}`,
      `attribution     accuracy ${pct(s.attributionAccuracy!)} (${counts.correct}/${counts.matchedWithSpeaker}); named ${pct(s.namedAccuracy!)} (${counts.correctNamed}/${counts.matchedNamed}), described ${pct(s.describedAccuracy!)} (${counts.correctDescribed}/${counts.matchedDescribed}); ${counts.unattributed} credited to nobody`,
      `end to end      P ${pct(s.endToEndPrecision!)}  R ${pct(s.endToEndRecall!)}  F1 ${pct(s.endToEndF1!)}`,
      `false quotes    ${counts.falsePositives}: ${onNon} on listed non-quotes (${kinds}), ${counts.onNonEnglish} on bodies not in English`,
    ].join('\n') + '\n',
  );
  return 0;
}
