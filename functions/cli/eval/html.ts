import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { detectFormat } from '#core/article/detect.ts';
import { decodeText } from '#core/article/encoding.ts';
import {
  DEFAULT_HTML_PARAMS,
  decideBody,
  type HtmlParams,
  htmlToParagraphs,
  type OwnReading,
  readabilityParagraphs,
  readHtml,
  readOwn,
} from '#core/article/formats/html/index.ts';
import { parseObjectDetailed } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { Progress } from '../stack-line.ts';

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

export function pageF1(s: PageScore): number {
  const d = 2 * s.tp + s.fp + s.fn;
  return d > 0 ? (2 * s.tp) / d : 0;
}

/** Per-page figures beside the aggregate: the mean, the minimum and the worst pages matter too. */
export interface Robustness {
  meanF1: number;
  minF1: number;
  worst: { id: string; f1: number }[];
}

export function robustness(ids: readonly string[], scores: readonly PageScore[], n = 5): Robustness {
  const f1s = scores.map(pageF1);
  const order = f1s.map((f, i) => ({ id: ids[i]!, f1: f })).sort((a, b) => a.f1 - b.f1);
  return {
    meanF1: f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length),
    minF1: order[0]?.f1 ?? 0,
    worst: order.slice(0, n),
  };
}

/** The web domain of a page's URL (`www.` left out), the unit of leave-one-domain-out. */
export function domainOf(url: string | undefined, fallback: string): string {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Leave-one-domain-out model selection: for each domain, the candidate scoring best (aggregate
 * F1) on the pages of every other domain is used on that domain's pages. Ties go to the earlier
 * candidate, so the first (the defaults) wins unless another is strictly better.
 */
export function leaveOneDomainOut(
  domains: readonly string[],
  score: (candidate: number, page: number) => PageScore,
  candidates: number,
): { chosen: number[]; scores: PageScore[] } {
  const pages = domains.length;
  const chosen: number[] = new Array(pages).fill(0);
  const byDomain = new Map<string, number[]>();
  domains.forEach((d, i) => {
    byDomain.set(d, [...(byDomain.get(d) ?? []), i]);
  });
  // Sums per candidate over all pages, minus the held-out domain's pages.
  const totals = Array.from({ length: candidates }, (_, c) => {
    const t = { tp: 0, fp: 0, fn: 0 };
    for (let p = 0; p < pages; p++) {
      const s = score(c, p);
      t.tp += s.tp;
      t.fp += s.fp;
      t.fn += s.fn;
    }
    return t;
  });
  const f1 = (t: PageScore) => {
    const pr = t.tp + t.fp > 0 ? t.tp / (t.tp + t.fp) : 0;
    const rc = t.tp + t.fn > 0 ? t.tp / (t.tp + t.fn) : 0;
    return pr + rc > 0 ? (2 * pr * rc) / (pr + rc) : 0;
  };
  for (const held of byDomain.values()) {
    let best = 0;
    let bestF1 = -1;
    for (let c = 0; c < candidates; c++) {
      const t = { ...totals[c]! };
      for (const p of held) {
        const s = score(c, p);
        t.tp -= s.tp;
        t.fp -= s.fp;
        t.fn -= s.fn;
      }
      const v = f1(t);
      if (v > bestF1 + 1e-12) {
        bestF1 = v;
        best = c;
      }
    }
    for (const p of held) chosen[p] = best;
  }
  return { chosen, scores: chosen.map((c, p) => score(c, p)) };
}

/** The parameter grid `--cv` searches: the defaults first, then each combination. */
export function parameterGrid(): HtmlParams[] {
  const axes: { [K in keyof HtmlParams]?: number[] } = {
    descendShare: [0.7, 0.8, 0.9],
    listItemWeight: [0.3, 0.5, 0.7],
    negLimit: [0.5, 0.7, 0.9],
    headlineShare: [0.3, 0.4, 0.6],
    weakShare: [0.3, 0.5, 0.7],
    growRatio: [1.5, 2, 3],
  };
  let grid: HtmlParams[] = [DEFAULT_HTML_PARAMS];
  for (const [name, values] of Object.entries(axes) as [keyof HtmlParams, number[]][]) {
    grid = grid.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  }
  const same = (a: HtmlParams, b: HtmlParams) =>
    (Object.keys(a) as (keyof HtmlParams)[]).every((k) => a[k] === b[k]);
  return [DEFAULT_HTML_PARAMS, ...grid.filter((p) => !same(p, DEFAULT_HTML_PARAMS))];
}

/** Extraction constants of a parameter set (the ones that change our own reading). */
function extractionKey(p: HtmlParams): string {
  return [
    p.descendShare,
    p.listItemWeight,
    p.negLimit,
    p.negLimitPositive,
    p.wrapperShare,
    p.headlineShare,
  ].join('/');
}

interface Args {
  data: string;
  verbose: boolean;
  json: boolean;
  readability: boolean;
  cv: boolean;
  perturb?: Perturbation;
  only?: string;
}

const USAGE = `usage: eval html [--data DIR] [--cv] [--perturb KIND] [--verbose] [--json] [--no-readability] [--page ID]
  DIR holds ground-truth.json ({id: {articleBody, url}}) and html/<id>.html.gz;
  an optional headlines.json ({id: headline}) there is used for headline accuracy,
  otherwise the built-in reference for the development pages is.
  --cv          also score by leave-one-domain-out: every tuned constant of page reading is
                chosen from a grid on the pages of the other domains only
  --perturb KIND  change every page first, to see how reading holds up on markup unlike the
                development pages': no-classes (every class and id attribute removed: class
                names that say nothing we know), form-wrapper (the body wrapped whole in a
                <form>, as some site frameworks do), consent-dialog (the page hidden behind a
                cookie dialog: its content aria-hidden, the dialog's text in the page)
  --json        one JSON object on stdout; progress and per-page lines go to stderr`;

function parseArgs(argv: string[]): Args | number {
  const args: Args = {
    data: '../shared/data/article-html',
    verbose: false,
    json: false,
    readability: true,
    cv: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data') args.data = argv[++i] ?? args.data;
    else if (a === '--verbose' || a === '-v') args.verbose = true;
    else if (a === '--json') args.json = true;
    else if (a === '--no-readability') args.readability = false;
    else if (a === '--cv') args.cv = true;
    else if (a === '--perturb') {
      const kind = argv[++i];
      if (!kind || !(kind in PERTURBATIONS)) {
        process.stderr.write(
          `eval html: --perturb takes one of ${Object.keys(PERTURBATIONS).join(', ')} (see 'eval html --help')\n`,
        );
        return 2;
      }
      args.perturb = kind as Perturbation;
    } else if (a === '--page') args.only = argv[++i];
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else {
      process.stderr.write(`eval html: unknown argument: ${a} (see 'eval html --help')\n`);
      return 2;
    }
  }
  return args;
}

/** Readability.js as its users run it: on a linkedom document, its article HTML cut into paragraphs like ours. */
async function readabilityReader(): Promise<(html: string) => { body: string; title: string }> {
  const { parseHTML } = await import('linkedom');
  const { Readability } = await import('@mozilla/readability');
  return (html) => {
    const { document } = parseHTML(html);
    const result = new Readability(
      document as unknown as ConstructorParameters<typeof Readability>[0],
    ).parse();
    if (!result) return { body: '', title: '' };
    return { body: htmlToParagraphs(result.content ?? '').join('\n\n'), title: result.title ?? '' };
  };
}

const CLASS_ATTRIBUTE = /\s(?:class|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;
const BODY_OPEN = /<body\b[^>]*>/i;
const BODY_CLOSE = /<\/body\s*>/i;

/** Changes applied to every page by `--perturb`: markup unlike the development pages'. */
export const PERTURBATIONS = {
  'no-classes': (html: string) => html.replace(CLASS_ATTRIBUTE, ''),
  'form-wrapper': (html: string) =>
    html
      .replace(BODY_OPEN, (m) => `${m}<form method="post" action="./page">`)
      .replace(BODY_CLOSE, '</form></body>'),
  'consent-dialog': (html: string) =>
    html
      .replace(BODY_OPEN, (m) => `${m}<div aria-hidden="true">`)
      .replace(
        BODY_CLOSE,
        '</div><div role="dialog" aria-modal="true"><p>We use cookies and similar technologies to measure our audience and to show you offers that suit you.</p><button type="button">Accept</button></div></body>',
      ),
} as const;
export type Perturbation = keyof typeof PERTURBATIONS;

/** CPU milliseconds since `start` (user and system): steadier than wall time on a shared machine. */
export function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

interface Page {
  id: string;
  /** The format the pipeline detects (pages are read as HTML unless they say otherwise). */
  format: string;
  domain: string;
  truth: string;
  name: string;
  raw: Uint8Array;
  html: string;
}

function loadPages(
  dir: string,
  truth: Record<string, { articleBody: string; url?: string }>,
  args: Args,
): Page[] {
  const files = new Set(readdirSync(join(dir, 'html')));
  const pages: Page[] = [];
  for (const [id, gt] of Object.entries(truth)) {
    if (args.only && !id.startsWith(args.only)) continue;
    const name = files.has(`${id}.html.gz`) ? `${id}.html.gz` : `${id}.html`;
    const bytes = new Uint8Array(readFileSync(join(dir, 'html', name)));
    let raw = name.endsWith('.gz') ? new Uint8Array(gunzipSync(bytes)) : bytes;
    let html = decodeText(raw).text;
    if (args.perturb) {
      html = PERTURBATIONS[args.perturb](html);
      raw = new TextEncoder().encode(html);
    }
    const file = name.replace(/\.gz$/, '');
    let format = 'unknown';
    try {
      format = detectFormat(html, { filename: file });
    } catch {
      // the pipeline reports it when the page is read
    }
    pages.push({ id, format, domain: domainOf(gt.url, id), truth: gt.articleBody, name: file, raw, html });
  }
  return pages;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'number') return args;
  const dir = resolve(args.data);
  const truthPath = join(dir, 'ground-truth.json');
  if (!existsSync(truthPath)) {
    process.stderr.write(`eval html: ${truthPath} not found (give the data folder with --data DIR)\n`);
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
  const pages = loadPages(dir, truth, args);
  if (pages.length === 0) {
    process.stderr.write(`eval html: no pages in ${dir}${args.only ? ` matching ${args.only}` : ''}\n`);
    return 2;
  }
  const readability = args.readability ? await readabilityReader() : undefined;
  const progress = new Progress('eval html');
  const ours: PageScore[] = [];
  const theirs: PageScore[] = [];
  const sources = new Map<string, number>();
  let weakPages = 0;
  let headlineRight = 0;
  let headlineTotal = 0;
  let theirHeadlineRight = 0;
  const started = performance.now();
  // A few pages read first by both, so that the timed pass does not measure compilation.
  for (const page of pages.slice(0, 10)) {
    try {
      readHtml(page.html);
    } catch {
      // timed below
    }
    readability?.(page.html);
  }
  let ourMs = 0;
  let theirMs = 0;
  const lines: string[] = [];
  for (const [i, page] of pages.entries()) {
    progress.update(i, pages.length, 'pages');
    let body = '';
    let title = '';
    // Our reading of the decoded page, as the pipeline runs it (CPU time: the machine is shared).
    const t0 = process.cpuUsage();
    try {
      if (page.format === 'html') {
        const r = readHtml(page.html);
        body = r.article.body;
        title = r.article.title ?? '';
        sources.set(r.source, (sources.get(r.source) ?? 0) + 1);
        if (r.weak) weakPages++;
      } else {
        const parsed = parseObjectDetailed(page.raw, { filename: page.name });
        body = parsed.articles[0]?.body ?? '';
        title = parsed.articles[0]?.title ?? '';
        sources.set(parsed.format, (sources.get(parsed.format) ?? 0) + 1);
      }
    } catch (e) {
      if (!(e instanceof UnusableContentError)) throw e;
      sources.set('none', (sources.get('none') ?? 0) + 1);
      lines.push(`${page.id.slice(0, 12)} ${e.reason}: ${e.message}`);
    }
    ourMs += cpuMs(t0);
    const s = scorePage(page.truth, body);
    ours.push(s);
    const expected = expectedKey(page.id);
    let line = `${page.id.slice(0, 12)} ours F1=${pageF1(s).toFixed(3)} P=${(s.tp / (s.tp + s.fp || 1)).toFixed(3)} R=${(s.tp / (s.tp + s.fn || 1)).toFixed(3)}`;
    if (expected !== undefined) {
      headlineTotal++;
      const ok = headlineKey(title) === expected;
      if (ok) headlineRight++;
      else line += ` headline differs: ${JSON.stringify(title)}`;
    }
    if (readability) {
      const t1 = process.cpuUsage();
      const r = readability(page.html);
      theirMs += cpuMs(t1);
      const rs = scorePage(page.truth, r.body);
      theirs.push(rs);
      if (expected !== undefined && headlineKey(r.title) === expected) theirHeadlineRight++;
      line += ` | readability F1=${pageF1(rs).toFixed(3)}`;
    }
    lines.push(line);
  }
  progress.update(pages.length, pages.length, 'pages', true);
  progress.done();
  if (args.verbose) process.stderr.write(`${lines.join('\n')}\n`);

  const ids = pages.map((p) => p.id.slice(0, 12));
  const o = summarize(ours);
  const oRob = robustness(ids, ours);
  const result: Record<string, unknown> = {
    ...(args.perturb ? { perturbation: args.perturb } : {}),
    pages: o.pages,
    domains: new Set(pages.map((p) => p.domain)).size,
    oursPrecision: o.precision,
    oursRecall: o.recall,
    oursF1: o.f1,
    oursMeanF1: oRob.meanF1,
    oursMinF1: oRob.minF1,
    oursWorst: oRob.worst,
    oursMsPerPage: ourMs / Math.max(1, o.pages),
    secondOpinionPages: weakPages,
    bodySources: Object.fromEntries(sources),
  };
  if (headlineTotal > 0) {
    result.headlineAccuracy = headlineRight / headlineTotal;
    result.headlinePages = headlineTotal;
  }
  if (readability) {
    const r = summarize(theirs);
    const rRob = robustness(ids, theirs);
    result.readabilityPrecision = r.precision;
    result.readabilityRecall = r.recall;
    result.readabilityF1 = r.f1;
    result.readabilityMeanF1 = rRob.meanF1;
    result.readabilityMinF1 = rRob.minF1;
    result.readabilityWorst = rRob.worst;
    result.readabilityMsPerPage = theirMs / Math.max(1, o.pages);
    result.speedRatio = theirMs / Math.max(1e-9, ourMs);
    result.lossesBelow080WhereReadabilityAbove090 = ours.filter(
      (s, i) => pageF1(s) < 0.8 && pageF1(theirs[i]!) > 0.9,
    ).length;
    if (headlineTotal > 0) result.readabilityHeadlineAccuracy = theirHeadlineRight / headlineTotal;
  }
  if (args.cv) Object.assign(result, crossValidate(pages, ids, theirs.length ? theirs : undefined));
  result.seconds = (performance.now() - started) / 1000;
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(render(result, dir, readability !== undefined));
  return 0;
}

/** Leave-one-domain-out figures over the parameter grid (see `leaveOneDomainOut`). */
function crossValidate(
  pages: readonly Page[],
  ids: readonly string[],
  theirs: readonly PageScore[] | undefined,
): Record<string, unknown> {
  const grid = parameterGrid();
  const progress = new Progress('eval html --cv');
  // Readability.js's reading of each page (as the pipeline runs it), computed at most once.
  const second = new Map<number, string[] | undefined>();
  const readingOf = (p: number) => () => {
    if (!second.has(p)) second.set(p, readabilityParagraphs(pages[p]!.html));
    return second.get(p);
  };
  // Our own reading depends only on the extraction constants: one per distinct set and page.
  const own = new Map<string, (OwnReading | undefined)[]>();
  const memo = pages.map(() => new Map<string, PageScore>());
  const table: PageScore[][] = grid.map(() => []);
  for (const [c, params] of grid.entries()) {
    progress.update(c, grid.length, 'parameter sets');
    const k = extractionKey(params);
    let readings = own.get(k);
    if (!readings) {
      readings = pages.map((p) => {
        try {
          return readOwn(p.html, params);
        } catch {
          return undefined;
        }
      });
      own.set(k, readings);
    }
    for (const [p, page] of pages.entries()) {
      let body = '';
      const r = readings[p];
      if (r) {
        try {
          body = decideBody(page.html, r, { params, readability: readingOf(p) }).article.body;
        } catch (e) {
          if (!(e instanceof UnusableContentError)) throw e;
        }
      }
      let s = memo[p]!.get(body);
      if (!s) {
        s = scorePage(page.truth, body);
        memo[p]!.set(body, s);
      }
      table[c]![p] = s;
    }
  }
  progress.update(grid.length, grid.length, 'parameter sets', true);
  progress.done();
  const { chosen, scores } = leaveOneDomainOut(
    pages.map((p) => p.domain),
    (c, p) => table[c]![p]!,
    grid.length,
  );
  const cv = summarize(scores);
  const rob = robustness(ids, scores);
  const all = leaveOneDomainOut(
    pages.map(() => 'all'),
    (c, p) => table[c]![p]!,
    grid.length,
  ).chosen[0]!;
  const out: Record<string, unknown> = {
    cvParameterSets: grid.length,
    cvPrecision: cv.precision,
    cvRecall: cv.recall,
    cvF1: cv.f1,
    cvMeanF1: rob.meanF1,
    cvMinF1: rob.minF1,
    cvWorst: rob.worst,
    cvFoldsUsingDefaults: new Set(
      pages.map((p, i) => (chosen[i] === 0 ? p.domain : undefined)).filter((d) => d !== undefined),
    ).size,
    bestOnAllPages: grid[all],
    defaultsAreBestOnAllPages: summarize(table[all]!).f1 <= summarize(table[0]!).f1 + 1e-12,
  };
  if (theirs)
    out.cvLossesBelow080WhereReadabilityAbove090 = scores.filter(
      (s, i) => pageF1(s) < 0.8 && pageF1(theirs[i]!) > 0.9,
    ).length;
  return out;
}

function render(r: Record<string, unknown>, dir: string, withReadability: boolean): string {
  const f = (x: unknown) => (typeof x === 'number' ? x.toFixed(4) : '-');
  const worst = (x: unknown) =>
    (x as { id: string; f1: number }[]).map((w) => `${w.id.slice(0, 8)} ${w.f1.toFixed(3)}`).join(', ');
  const out: string[] = [
    `article-html body extraction, ${r.pages} pages, ${r.domains} domains (${dir})${r.perturbation ? `, every page perturbed: ${r.perturbation}` : ''}`,
  ];
  out.push(
    `  news-ingest     P ${f(r.oursPrecision)}  R ${f(r.oursRecall)}  F1 ${f(r.oursF1)}  mean ${f(r.oursMeanF1)}  min ${f(r.oursMinF1)}`,
  );
  if (withReadability)
    out.push(
      `  readability.js  P ${f(r.readabilityPrecision)}  R ${f(r.readabilityRecall)}  F1 ${f(r.readabilityF1)}  mean ${f(r.readabilityMeanF1)}  min ${f(r.readabilityMinF1)}`,
    );
  if (r.cvF1 !== undefined)
    out.push(
      `  leave-one-domain-out (${r.cvParameterSets} parameter sets)  P ${f(r.cvPrecision)}  R ${f(r.cvRecall)}  F1 ${f(r.cvF1)}  mean ${f(r.cvMeanF1)}  min ${f(r.cvMinF1)}`,
    );
  out.push(`  worst 5, news-ingest: ${worst(r.oursWorst)}`);
  if (r.cvWorst) out.push(`  worst 5, leave-one-domain-out: ${worst(r.cvWorst)}`);
  if (withReadability) out.push(`  worst 5, readability.js: ${worst(r.readabilityWorst)}`);
  if (withReadability)
    out.push(
      `  pages below 0.80 where readability.js is above 0.90: ${r.lossesBelow080WhereReadabilityAbove090}${r.cvLossesBelow080WhereReadabilityAbove090 !== undefined ? ` (leave-one-domain-out ${r.cvLossesBelow080WhereReadabilityAbove090})` : ''}`,
    );
  out.push(
    `  body from: ${Object.entries(r.bodySources as Record<string, number>)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; Readability.js consulted on ${r.secondOpinionPages} weak page(s)`,
  );
  if (r.bestOnAllPages)
    out.push(
      `  defaults ${r.defaultsAreBestOnAllPages ? 'are' : 'are not'} the best parameter set on all pages; ${r.cvFoldsUsingDefaults} of ${r.domains} folds chose them`,
    );
  if (r.headlineAccuracy !== undefined)
    out.push(
      `  headline accuracy: news-ingest ${f(r.headlineAccuracy)} (of ${r.headlinePages})${withReadability ? `, readability.js ${f(r.readabilityHeadlineAccuracy)}` : ''}`,
    );
  out.push(
    `  ${f(r.oursMsPerPage)} ms/page news-ingest${withReadability ? `, ${f(r.readabilityMsPerPage)} ms/page readability.js (${(r.speedRatio as number).toFixed(1)}x the pages/s)` : ''}, CPU time of one pass; ${(r.seconds as number).toFixed(1)} s total`,
  );
  return `${out.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
