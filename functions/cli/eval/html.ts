import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeText } from '#core/article/encoding.ts';
import { htmlToParagraphs } from '#core/article/formats/html/index.ts';
import { parseObjectDetailed } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';

/**
 * Scores article-body extraction the way the article-extraction benchmark does: tokens are `\w+`
 * matches (case kept), shingles are runs of 4 tokens, each page's true/false positives and
 * negatives are counted on shingle multisets and normalised by their sum; precision and recall
 * come from the per-page figures aggregated over pages, F1 from those.
 */

const TOKEN = /[\p{L}\p{N}_]+/gu;

export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  const count = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < count; i++) {
    const sh = tokens.slice(i, i + n);
    if (sh.length === 0) continue;
    const key = sh.join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
}

export function scorePage(truth: string, predicted: string): PageScore {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const keys = new Set([...t.keys(), ...p.keys()]);
  for (const k of keys) {
    const tc = t.get(k) ?? 0;
    const pc = p.get(k) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const s = tp + fp + fn;
  return s > 0 ? { tp: tp / s, fp: fp / s, fn: fn / s } : { tp, fp, fn };
}

export interface Summary {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

export function summarize(scores: readonly PageScore[]): Summary {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const s of scores) {
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, pages: scores.length };
}

/** Headline comparison: case, punctuation and spacing ignored. */
export function normalizeHeadline(s: string): string {
  return (
    s
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).join(' ');
}

/** Short hash of a normalised headline, as kept in the built-in reference. */
export function headlineKey(s: string): string {
  return createHash('sha256').update(normalizeHeadline(s)).digest('hex').slice(0, 16);
}

interface Args {
  data: string;
  verbose: boolean;
  json: boolean;
  readability: boolean;
  only?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { data: '../shared/data/article-html', verbose: false, json: false, readability: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data') args.data = argv[++i] ?? args.data;
    else if (a === '--verbose' || a === '-v') args.verbose = true;
    else if (a === '--json') args.json = true;
    else if (a === '--no-readability') args.readability = false;
    else if (a === '--page') args.only = argv[++i];
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: eval html [--data DIR] [--verbose] [--json] [--no-readability] [--page ID]\n' +
          '  DIR holds ground-truth.json ({id: {articleBody, url}}) and html/<id>.html.gz;\n' +
          '  an optional headlines.json ({id: headline}) there is used for headline accuracy,\n' +
          '  otherwise the built-in reference for the development pages is.\n',
      );
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return args;
}

/** Readability.js on a linkedom document; its article HTML turned into paragraphs like ours. */
async function readabilityText(html: string): Promise<{ body: string; title: string }> {
  const { parseHTML } = await import('linkedom');
  const { Readability } = await import('@mozilla/readability');
  const { document } = parseHTML(html);
  const result = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  if (!result) return { body: '', title: '' };
  return { body: htmlToParagraphs(result.content ?? '').join('\n\n'), title: result.title ?? '' };
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const dir = resolve(args.data);
  const truthPath = join(dir, 'ground-truth.json');
  if (!existsSync(truthPath)) {
    process.stderr.write(`eval html: ${truthPath} not found\n`);
    return 2;
  }
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<
    string,
    { articleBody: string; url?: string }
  >;
  const headlinePath = join(dir, 'headlines.json');
  // Plain headlines from the data folder when it has them, else the built-in hashed reference.
  const plain: Record<string, string> | undefined = existsSync(headlinePath)
    ? (JSON.parse(readFileSync(headlinePath, 'utf8')) as Record<string, string>)
    : undefined;
  const { HEADLINE_HASHES } = await import('./html-headlines.ts');
  const expectedKey = (id: string): string | undefined => {
    if (plain) return plain[id] === undefined ? undefined : headlineKey(plain[id]);
    return HEADLINE_HASHES[id.slice(0, 16)];
  };
  const files = new Set(readdirSync(join(dir, 'html')));
  const ours: PageScore[] = [];
  const theirs: PageScore[] = [];
  let headlineRight = 0;
  let headlineTotal = 0;
  let theirHeadlineRight = 0;
  const started = performance.now();
  let ourMs = 0;
  for (const [id, gt] of Object.entries(truth)) {
    if (args.only && !id.startsWith(args.only)) continue;
    const name = files.has(`${id}.html.gz`) ? `${id}.html.gz` : `${id}.html`;
    const bytes = new Uint8Array(readFileSync(join(dir, 'html', name)));
    let body = '';
    let title = '';
    const t0 = performance.now();
    try {
      const parsed = parseObjectDetailed(bytes, { filename: name });
      body = parsed.articles[0]?.body ?? '';
      title = parsed.articles[0]?.title ?? '';
    } catch (e) {
      if (!(e instanceof UnusableContentError)) throw e;
      process.stderr.write(`${id}: ${e.reason} ${e.message}\n`);
    }
    ourMs += performance.now() - t0;
    const s = scorePage(gt.articleBody, body);
    ours.push(s);
    const expected = expectedKey(id);
    let line = `${id.slice(0, 12)} ours P=${(s.tp / (s.tp + s.fp || 1)).toFixed(3)} R=${(s.tp / (s.tp + s.fn || 1)).toFixed(3)}`;
    if (expected !== undefined) {
      headlineTotal++;
      const ok = headlineKey(title) === expected;
      if (ok) headlineRight++;
      else line += ` headline differs: ${JSON.stringify(title)}`;
    }
    if (args.readability) {
      const html = decodeText(name.endsWith('.gz') ? new Uint8Array(gunzipSync(bytes)) : bytes).text;
      const r = await readabilityText(html);
      const rs = scorePage(gt.articleBody, r.body);
      theirs.push(rs);
      if (expected !== undefined && headlineKey(r.title) === expected) theirHeadlineRight++;
      line += ` | readability P=${(rs.tp / (rs.tp + rs.fp || 1)).toFixed(3)} R=${(rs.tp / (rs.tp + rs.fn || 1)).toFixed(3)}`;
    }
    if (args.verbose) process.stderr.write(`${line}\n`);
  }
  const o = summarize(ours);
  const result: Record<string, number> = {
    pages: o.pages,
    oursPrecision: o.precision,
    oursRecall: o.recall,
    oursF1: o.f1,
    oursMsPerPage: ourMs / Math.max(1, o.pages),
  };
  if (headlineTotal > 0) {
    result.headlineAccuracy = headlineRight / headlineTotal;
    result.headlinePages = headlineTotal;
  }
  if (args.readability) {
    const r = summarize(theirs);
    result.readabilityPrecision = r.precision;
    result.readabilityRecall = r.recall;
    result.readabilityF1 = r.f1;
    if (headlineTotal > 0) result.readabilityHeadlineAccuracy = theirHeadlineRight / headlineTotal;
  }
  result.seconds = (performance.now() - started) / 1000;
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const f = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(4));
    process.stdout.write(`article-html body extraction, ${o.pages} pages (${dir})\n`);
    process.stdout.write(`  news-ingest     P ${f(o.precision)}  R ${f(o.recall)}  F1 ${f(o.f1)}\n`);
    if (args.readability)
      process.stdout.write(
        `  readability.js  P ${f(result.readabilityPrecision)}  R ${f(result.readabilityRecall)}  F1 ${f(result.readabilityF1)}\n`,
      );
    if (headlineTotal > 0) {
      process.stdout.write(
        `  headline accuracy: news-ingest ${f(result.headlineAccuracy)} (${headlineRight}/${headlineTotal})`,
      );
      if (args.readability) process.stdout.write(`, readability.js ${f(result.readabilityHeadlineAccuracy)}`);
      process.stdout.write('\n');
    }
    process.stdout.write(
      `  ${f(result.oursMsPerPage)} ms/page (news-ingest), ${result.seconds.toFixed(1)} s total\n`,
    );
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
