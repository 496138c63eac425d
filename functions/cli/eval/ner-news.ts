/**
 * `news-ingest eval ner --news`: entity precision, recall and F1 on the modern check set, recent
 * news article bodies of the article-html data annotated by hand (annotations/article-html/
 * entities.json, conventions in docs/annotation.md). Each annotated body goes through the same
 * `extract` the Lambda runs; a predicted PERSON, ORGANIZATION, LOCATION or MISC mention is correct
 * when its type and both offsets equal a gold mention's. Also reported: the share of predicted
 * PERSON and ORGANIZATION mentions that are wrong (wrong span or wrong type), and every error
 * sorted into a class.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../../core/nlp/extract.ts';
import type { EntityMention } from '../../core/types.ts';
import { parse } from '../args.ts';

export const NEWS_TYPES = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC'] as const;
export type NewsType = (typeof NEWS_TYPES)[number];

export interface Mention {
  readonly start: number;
  readonly end: number;
  readonly type: NewsType;
}

/** One annotated page: the SHA-256 (hex) of its UTF-8 body and the gold mentions `[start, end, type]`. */
export interface PageAnnotation {
  readonly sha256: string;
  readonly mentions: readonly (readonly [number, number, NewsType])[];
}

export type Annotations = Readonly<Record<string, PageAnnotation>>;

/**
 * Error classes. A prediction that matches no gold mention exactly is `wrong-type` when a gold
 * mention has the same span, `wrong-span` when it overlaps one with other offsets (`+type` when
 * the overlapping gold mention's type differs too), else `spurious`; a gold mention that no
 * prediction overlaps is `missed`.
 */
export type ErrorClass = 'wrong-type' | 'wrong-span' | 'wrong-span+type' | 'spurious' | 'missed';

export interface NewsError {
  readonly page: string;
  readonly kind: ErrorClass;
  /** The prediction, absent for `missed`. */
  readonly predicted?: Mention;
  /** The overlapping or missed gold mention, absent for `spurious`. */
  readonly gold?: Mention;
}

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly gold: number;
  readonly predicted: number;
  readonly correct: number;
}

export interface WrongShare {
  readonly predicted: number;
  readonly wrong: number;
  readonly share: number;
}

export interface NewsResult {
  readonly documents: number;
  readonly overall: Scores;
  readonly byType: Record<NewsType, Scores>;
  /** Share of predicted PERSON, ORGANIZATION and both together that are not exactly a gold mention. */
  readonly wrong: {
    readonly PERSON: WrongShare;
    readonly ORGANIZATION: WrongShare;
    readonly both: WrongShare;
  };
  readonly errorClasses: Record<ErrorClass, number>;
}

const key = (m: Mention) => `${m.start}:${m.end}:${m.type}`;
const overlaps = (a: Mention, b: Mention) => a.start < b.end && b.start < a.end;

function scores(c: { gold: number; predicted: number; correct: number }): Scores {
  const precision = c.predicted ? c.correct / c.predicted : 0;
  const recall = c.gold ? c.correct / c.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, ...c };
}

/** Keeps the four named types of a recogniser's output. */
export function namedMentions(mentions: readonly EntityMention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    if ((NEWS_TYPES as readonly string[]).includes(m.type)) {
      out.push({ start: m.start, end: m.end, type: m.type as NewsType });
    }
  }
  return out;
}

/** Accumulates exact-match counts and classified errors over documents. */
export class NewsScorer {
  private readonly counts = new Map<NewsType, { gold: number; predicted: number; correct: number }>(
    NEWS_TYPES.map((t) => [t, { gold: 0, predicted: 0, correct: 0 }]),
  );
  private documents = 0;
  readonly errors: NewsError[] = [];

  add(page: string, gold: readonly Mention[], predicted: readonly Mention[]): void {
    this.documents++;
    const goldKeys = new Set(gold.map(key));
    const predKeys = new Set(predicted.map(key));
    for (const g of gold) this.counts.get(g.type)!.gold++;
    for (const p of predicted) {
      const c = this.counts.get(p.type)!;
      c.predicted++;
      if (goldKeys.has(key(p))) {
        c.correct++;
        continue;
      }
      const sameSpan = gold.find((g) => g.start === p.start && g.end === p.end);
      if (sameSpan) {
        this.errors.push({ page, kind: 'wrong-type', predicted: p, gold: sameSpan });
        continue;
      }
      const over = gold.filter((g) => overlaps(g, p));
      if (over.length === 0) {
        this.errors.push({ page, kind: 'spurious', predicted: p });
        continue;
      }
      // The overlapping gold mention of the predicted type if any, else the first.
      const g = over.find((o) => o.type === p.type) ?? over[0]!;
      this.errors.push({
        page,
        kind: g.type === p.type ? 'wrong-span' : 'wrong-span+type',
        predicted: p,
        gold: g,
      });
    }
    for (const g of gold) {
      if (predKeys.has(key(g))) continue;
      if (!predicted.some((p) => overlaps(g, p))) this.errors.push({ page, kind: 'missed', gold: g });
    }
  }

  result(): NewsResult {
    const byType = Object.fromEntries(NEWS_TYPES.map((t) => [t, scores(this.counts.get(t)!)])) as Record<
      NewsType,
      Scores
    >;
    const total = { gold: 0, predicted: 0, correct: 0 };
    for (const c of this.counts.values()) {
      total.gold += c.gold;
      total.predicted += c.predicted;
      total.correct += c.correct;
    }
    const share = (...types: NewsType[]): WrongShare => {
      let predicted = 0;
      let correct = 0;
      for (const t of types) {
        predicted += this.counts.get(t)!.predicted;
        correct += this.counts.get(t)!.correct;
      }
      return {
        predicted,
        wrong: predicted - correct,
        share: predicted ? (predicted - correct) / predicted : 0,
      };
    };
    const errorClasses: Record<ErrorClass, number> = {
      'wrong-type': 0,
      'wrong-span': 0,
      'wrong-span+type': 0,
      spurious: 0,
      missed: 0,
    };
    for (const e of this.errors) errorClasses[e.kind]++;
    return {
      documents: this.documents,
      overall: scores(total),
      byType,
      wrong: {
        PERSON: share('PERSON'),
        ORGANIZATION: share('ORGANIZATION'),
        both: share('PERSON', 'ORGANIZATION'),
      },
      errorClasses,
    };
  }
}

/** SHA-256 (hex) of the UTF-8 text, as kept for every annotated page. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const WORD = /[\p{L}\p{N}]/u;
const isWord = (c: string | undefined) => c !== undefined && WORD.test(c);

/** True when the characters on both sides of position `i` belong to one word (a hyphenated word is one). */
function joined(text: string, i: number): boolean {
  const a = text[i - 1];
  const b = text[i];
  if (isWord(a) && isWord(b)) return true;
  if (a === '-' && isWord(text[i - 2]) && isWord(b)) return true;
  return b === '-' && isWord(a) && isWord(text[i + 1]);
}

/**
 * Problems of one page's gold mentions against its text: offsets out of range or unsorted, spans
 * that overlap, start or end inside a word (a hyphenated word counts as one), begin with anything
 * but a letter or digit, end with punctuation other than `.`, `+`, `)` or an apostrophe, or end
 * with a possessive `'s`, or leave out the last period of an abbreviation (`U.S`). Empty when sound.
 */
export function annotationProblems(
  text: string,
  mentions: readonly (readonly [number, number, string])[],
): string[] {
  const problems: string[] = [];
  let lastEnd = 0;
  let lastStart = -1;
  for (const [start, end, type] of mentions) {
    const at = `[${start}, ${end}, ${type}]`;
    if (!(NEWS_TYPES as readonly string[]).includes(type)) problems.push(`${at}: unknown type`);
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end > text.length ||
      start >= end
    ) {
      problems.push(`${at}: offsets out of range`);
      continue;
    }
    if (start < lastStart) problems.push(`${at}: not in text order`);
    else if (start < lastEnd) problems.push(`${at}: overlaps the previous mention`);
    lastStart = start;
    lastEnd = Math.max(lastEnd, end);
    if (joined(text, start)) problems.push(`${at}: starts inside a word`);
    if (joined(text, end)) problems.push(`${at}: ends inside a word`);
    if (!isWord(text[start])) problems.push(`${at}: starts with a non-word character`);
    const last = text[end - 1]!;
    if (!isWord(last) && !".+)’'".includes(last)) problems.push(`${at}: ends with '${last}'`);
    if (/['’]s$/.test(text.slice(start, end))) problems.push(`${at}: ends with a possessive 's`);
    if (text[end] === '.' && /\.\p{L}$/u.test(text.slice(start, end))) {
      problems.push(`${at}: leaves out the closing period of an abbreviation`);
    }
  }
  return problems;
}

const usage = `usage: news-ingest eval ner --news [--data DIR] [--annotations FILE] [--json] [--errors [N]]

Scores PERSON/ORGANIZATION/LOCATION/MISC (exact spans) on the hand-annotated news bodies of the
article-html data: DIR holds ground-truth.json (default ../shared/data/article-html); FILE is the
annotation (default annotations/article-html/entities.json). --errors lists every error (or the
first N), --json prints the figures as one JSON object.`;

const DEFAULT_ANNOTATIONS = fileURLToPath(
  new URL('../../../annotations/article-html/entities.json', import.meta.url),
);

/** Thrown when the data is absent or does not match the annotation; printed as one line. */
export class NewsDataError extends Error {}

/** Reads the annotation and the bodies it refers to, checking every page's hash. */
export function loadNewsSet(dataDir: string, annotationsFile = DEFAULT_ANNOTATIONS) {
  const truthPath = resolve(dataDir, 'ground-truth.json');
  if (!existsSync(truthPath)) {
    throw new NewsDataError(`${truthPath} not found: the news check set needs the article-html data`);
  }
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, { articleBody?: string }>;
  const annotations = JSON.parse(readFileSync(annotationsFile, 'utf8')) as Annotations;
  const pages: { id: string; text: string; gold: Mention[] }[] = [];
  for (const [id, page] of Object.entries(annotations)) {
    const text = truth[id]?.articleBody;
    if (text === undefined)
      throw new NewsDataError(`page ${id} of ${annotationsFile} is not in ${truthPath}`);
    if (textHash(text) !== page.sha256) {
      throw new NewsDataError(`page ${id}: body hash differs from the annotation's, the data has changed`);
    }
    pages.push({ id, text, gold: page.mentions.map(([start, end, type]) => ({ start, end, type })) });
  }
  return pages;
}

export function evaluateNews(pages: readonly { id: string; text: string; gold: readonly Mention[] }[]) {
  const scorer = new NewsScorer();
  for (const p of pages) scorer.add(p.id, p.gold, namedMentions(extract(p.text).entities));
  return { result: scorer.result(), errors: scorer.errors };
}

function show(text: string, m: Mention | undefined): string {
  return m ? `${m.type} ${JSON.stringify(text.slice(m.start, m.end))}` : '-';
}

const pct = (x: number) => (100 * x).toFixed(2).padStart(6);

export async function run(argv: string[]): Promise<number> {
  // `--errors` alone lists every error, `--errors N` the first N.
  const at = argv.indexOf('--errors');
  const count = at >= 0 && /^\d+$/.test(argv[at + 1] ?? '') ? Number(argv[at + 1]) : undefined;
  const args = count === undefined ? argv : [...argv.slice(0, at + 1), ...argv.slice(at + 2)];
  const { values } = parse(
    args,
    {
      news: { type: 'boolean' },
      data: { type: 'string' },
      annotations: { type: 'string' },
      json: { type: 'boolean' },
      errors: { type: 'boolean' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  let pages: ReturnType<typeof loadNewsSet>;
  try {
    pages = loadNewsSet(values.data ?? '../shared/data/article-html', values.annotations);
  } catch (error) {
    if (!(error instanceof NewsDataError)) throw error;
    process.stderr.write(`eval ner --news: ${error.message}\n`);
    return 2;
  }
  const t0 = performance.now();
  const { result, errors } = evaluateNews(pages);
  const seconds = (performance.now() - t0) / 1000;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...result, seconds })}\n`);
    return 0;
  }
  const row = (name: string, s: Scores) =>
    `${name.padEnd(13)} ${pct(s.precision)}    ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.gold).padStart(6)}  ${String(s.predicted).padStart(9)}`;
  const w = (name: string, s: WrongShare) =>
    `  ${name.padEnd(21)} ${pct(s.share)} % (${s.wrong} of ${s.predicted})`;
  const lines = [
    `${result.documents} news bodies, ${result.overall.gold} gold mentions`,
    'type          precision  recall      F1    gold  predicted',
    ...NEWS_TYPES.map((t) => row(t, result.byType[t])),
    row('overall', result.overall),
    'predicted mentions that are wrong (span or type):',
    w('PERSON', result.wrong.PERSON),
    w('ORGANIZATION', result.wrong.ORGANIZATION),
    w('PERSON + ORGANIZATION', result.wrong.both),
    `errors: ${Object.entries(result.errorClasses)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  ];
  if (values.errors) {
    const text = new Map(pages.map((p) => [p.id, p.text]));
    for (const e of errors.slice(0, count)) {
      const t = text.get(e.page)!;
      const at = e.predicted ?? e.gold!;
      const context = t
        .slice(Math.max(0, at.start - 40), at.end + 40)
        .replace(/\s+/g, ' ')
        .trim();
      lines.push(
        `${e.page.slice(0, 8)} ${e.kind.padEnd(15)} predicted ${show(t, e.predicted)}  gold ${show(t, e.gold)}  | ${context}`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
