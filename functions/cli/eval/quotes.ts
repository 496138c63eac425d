/**
 * `news-ingest eval quotes --data DIR`: scores quote extraction and speaker attribution on
 * PolNeAR-format data (DIR/text/NAME.txt, DIR/attributions/NAME_<annotator>.ann in brat standoff).
 *
 * Gold direct quotes are the quoted pieces (opening mark to closing mark, marks included, `''`
 * counting as a mark) inside each attribution's Content; the first annotation file in sorted order
 * is used. A prediction matches a gold quote when they overlap by at least half the gold length
 * (one-to-one, largest overlap first). Attribution is correct when the predicted speaker mention
 * overlaps the gold Source, or the last word of the predicted name occurs as a whole word in the
 * gold Source text. Attributions whose Content holds no quotation are scored apart as indirect.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findQuotes } from '../../core/nlp/quotes/find.ts';
import type { EntityMention, Quote } from '../../core/types.ts';

interface Frag {
  readonly start: number;
  readonly end: number;
}

interface Attribution {
  readonly content: readonly Frag[];
  readonly sources: readonly Frag[];
}

interface GoldItem {
  readonly frags: readonly Frag[];
  readonly sources: Frag[];
}

export interface Counts {
  goldDirect: number;
  predDirect: number;
  matchedDirect: number;
  matchedWithSource: number;
  correct: number;
  goldIndirect: number;
  predIndirect: number;
  matchedIndirect: number;
  matchedIndirectWithSource: number;
  correctIndirect: number;
}

const usage = `usage: news-ingest eval quotes --data DIR [--errors] [--limit N] [--json] [--entities FILE]
       news-ingest eval quotes --data DIR --cv K [--thresholds D/I,D/I…] [--disable ID,…] [--errors] [--json]
       news-ingest eval quotes --data DIR --ablate [--json]

Scores direct-quote precision/recall/F1, attribution accuracy, end-to-end F1 and indirect
(reported speech) content F1 and source accuracy on PolNeAR-format data (DIR/text, DIR/attributions).
--errors prints every unmatched or misattributed quote (with --cv: of each held-out fold); --entities FILE takes precomputed entity
mentions (JSON object: document name -> mentions) instead of running the recogniser.
--cv K    K-fold cross-validation by document: the speaker-choice model and the confidence
          filter are retrained on the other folds for each fold; prints each figure's mean,
          standard deviation, minimum and maximum over the folds
--disable ID,…  with --cv: named rules switched off (rules.ts, indirect-rules.ts)
--thresholds D/I,…  with --cv: one report per pair of confidence-filter thresholds (direct/
          indirect probability cut-offs; 0 keeps everything), to choose them on train
--ablate  switches each named rule (functions/core/nlp/quotes/rules.ts) off in turn and prints
          the change of each figure against all rules on (end-to-end F1 first)`;

/** Maps Unicode code point offsets of `text` to UTF-16 offsets. */
export function codePointToUtf16(text: string): Int32Array {
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return Int32Array.from(map);
}

/** Parses brat standoff: the attributions (E lines) with their Content and Source fragments. */
export function parseAnn(ann: string, cp: Int32Array): Attribution[] {
  const spans = new Map<string, { type: string; frags: Frag[] }>();
  const events: string[] = [];
  const conv = (x: number) => cp[Math.min(Math.max(0, x), cp.length - 1)]!;
  for (const line of ann.split('\n')) {
    const parts = line.replace(/\r$/, '').split('\t');
    const id = parts[0] ?? '';
    if (id.startsWith('T') && parts.length >= 2) {
      const head = parts[1]!;
      const sp = head.indexOf(' ');
      if (sp < 0) continue;
      const type = head.slice(0, sp);
      const frags: Frag[] = [];
      for (const piece of head.slice(sp + 1).split(';')) {
        const [a, b] = piece.trim().split(/\s+/).map(Number);
        if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) continue;
        frags.push({ start: conv(a), end: conv(b) });
      }
      spans.set(id, { type, frags });
    } else if (id.startsWith('E') && parts.length >= 2) {
      events.push(parts[1]!);
    }
  }
  const out: Attribution[] = [];
  for (const ev of events) {
    const content: Frag[] = [];
    const sources: Frag[] = [];
    for (const arg of ev.trim().split(/\s+/)) {
      const [role, ref] = arg.split(':');
      if (!role || !ref) continue;
      const span = spans.get(ref);
      if (!span) continue;
      const r = role.replace(/\d+$/, '');
      if (r === 'Content') content.push(...span.frags);
      else if (r === 'Source') sources.push(...span.frags);
    }
    if (content.length > 0) {
      content.sort((x, y) => x.start - y.start);
      out.push({ content, sources });
    }
  }
  return out;
}

const DOUBLE = new Set(['"', '“', '”', '„', '«', '»']);

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Length of a double quotation mark at i, 0 when none. */
function markAt(text: string, i: number): number {
  const c = text[i];
  if (c === undefined) return 0;
  if (DOUBLE.has(c)) return 1;
  if ((c === "'" && text[i + 1] === "'") || (c === '`' && text[i + 1] === '`')) return 2;
  return 0;
}

/**
 * The quoted pieces inside one attribution's Content: double marks toggled in order across its
 * fragments (a piece left open continues into the next fragment, and a piece still open at the end
 * stops at the Content's end; a closing mark met first closes a piece opened before the Content);
 * then single-mark pieces ('...' or ‘...’) outside the double ones, within one fragment.
 */
export function quotedPieces(text: string, content: readonly Frag[]): Frag[] {
  const out: Frag[] = [];
  let open = -1;
  let first = true;
  for (const f of content) {
    let i = f.start;
    while (i < f.end) {
      const len = markAt(text, i);
      if (len === 0) {
        i++;
        continue;
      }
      if (open < 0) {
        // Direction from context; a ” or » with a space before and a word after opens (misused mark).
        const spaceBefore = i === 0 || /\s/.test(text[i - 1]!);
        const closing =
          ((text[i] === '”' || text[i] === '»') && !(spaceBefore && isAlnum(text[i + len]))) ||
          (!spaceBefore && !isAlnum(text[i + len]));
        // A closing mark met first ends a quotation opened before the Content: the piece runs from
        // the Content's start; a closing mark right at the start only ends what came before.
        if (first && closing) {
          if (i > f.start) out.push({ start: f.start, end: i + len });
        } else open = i;
      } else {
        out.push({ start: open, end: i + len });
        open = -1;
      }
      first = false;
      i += len;
    }
  }
  if (open >= 0) {
    const last = content[content.length - 1]!;
    if (last.end > open + 1) out.push({ start: open, end: last.end });
  }
  // Single marks, outside the double pieces.
  for (const f of content) {
    let i = f.start;
    while (i < f.end) {
      const c = text[i]!;
      if ((c === '‘' || c === "'") && !isAlnum(text[i - 1]) && isAlnum(text[i + 1]) && !insideAny(out, i)) {
        let j = i + 1;
        while (j < f.end) {
          const d = text[j]!;
          if ((d === '’' || d === "'") && !/\s/.test(text[j - 1]!) && !isAlnum(text[j + 1]) && j > i + 1)
            break;
          if (markAt(text, j) > 0) {
            j = f.end;
            break;
          }
          j++;
        }
        if (j < f.end) {
          out.push({ start: i, end: j + 1 });
          i = j + 1;
          continue;
        }
      }
      i++;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function insideAny(pieces: readonly Frag[], i: number): boolean {
  for (const p of pieces) if (i >= p.start && i < p.end) return true;
  return false;
}

function overlap(a: Frag, b: Frag): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function overlapFrags(pred: Frag, gold: readonly Frag[]): number {
  let s = 0;
  for (const g of gold) s += overlap(pred, g);
  return s;
}

function lengthOf(frags: readonly Frag[]): number {
  let s = 0;
  for (const f of frags) s += f.end - f.start;
  return s;
}

/** One-to-one matching, largest overlap first, each pair overlapping ≥ half the gold length. */
export function matchSpans(preds: readonly Frag[], golds: readonly (readonly Frag[])[]): Map<number, number> {
  const pairs: [number, number, number][] = [];
  for (let p = 0; p < preds.length; p++) {
    for (let g = 0; g < golds.length; g++) {
      const ov = overlapFrags(preds[p]!, golds[g]!);
      const len = lengthOf(golds[g]!);
      if (ov > 0 && ov >= 0.5 * len) pairs.push([ov, p, g]);
    }
  }
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out = new Map<number, number>(); // pred -> gold
  for (const [, p, g] of pairs) {
    if (usedP.has(p) || usedG.has(g)) continue;
    usedP.add(p);
    usedG.add(g);
    out.set(p, g);
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Is the predicted speaker correct for a gold item with these sources? */
export function speakerCorrect(text: string, q: Quote, sources: readonly Frag[]): boolean {
  if (!q.speaker || sources.length === 0) return false;
  const m = q.speaker.mention;
  for (const s of sources) if (overlap(m, s) > 0) return true;
  const words = q.speaker.name.trim().split(/\s+/);
  const last = words[words.length - 1];
  if (!last) return false;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(last)}(?![\\p{L}\\p{N}])`, 'iu');
  return sources.some((s) => re.test(text.slice(s.start, s.end)));
}

export interface Doc {
  readonly name: string;
  readonly text: string;
  readonly attributions: readonly Attribution[];
}

export function loadPolnear(dir: string, limit = Number.POSITIVE_INFINITY): Doc[] {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  const anns = readdirSync(annDir)
    .filter((f) => f.endsWith('.ann'))
    .sort();
  const byName = new Map<string, string>();
  for (const f of anns) {
    const base = f.slice(0, -4);
    const cut = base.lastIndexOf('_');
    if (cut < 0) continue;
    const name = base.slice(0, cut);
    if (!byName.has(name)) byName.set(name, f);
  }
  const docs: Doc[] = [];
  for (const f of readdirSync(textDir)
    .filter((x) => x.endsWith('.txt'))
    .sort()) {
    if (docs.length >= limit) break;
    const name = f.slice(0, -4);
    const annFile = byName.get(name);
    if (!annFile) continue;
    const text = readFileSync(join(textDir, f), 'utf8');
    const cp = codePointToUtf16(text);
    docs.push({ name, text, attributions: parseAnn(readFileSync(join(annDir, annFile), 'utf8'), cp) });
  }
  return docs;
}

/** Gold direct and indirect items of one document (direct pieces deduplicated by span). */
export function goldOf(doc: Doc): { direct: GoldItem[]; indirect: GoldItem[] } {
  const direct = new Map<string, GoldItem>();
  const indirect: GoldItem[] = [];
  for (const a of doc.attributions) {
    const pieces = quotedPieces(doc.text, a.content);
    if (pieces.length === 0) {
      indirect.push({ frags: a.content, sources: [...a.sources] });
      continue;
    }
    for (const p of pieces) {
      const key = `${p.start}:${p.end}`;
      const item = direct.get(key);
      if (item) item.sources.push(...a.sources);
      else direct.set(key, { frags: [p], sources: [...a.sources] });
    }
  }
  return { direct: [...direct.values()].sort((a, b) => a.frags[0]!.start - b.frags[0]!.start), indirect };
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function scoreDoc(
  doc: Doc,
  quotes: readonly Quote[],
  counts: Counts,
  log?: (line: string) => void,
): void {
  const { direct, indirect } = goldOf(doc);
  const predD = quotes.filter((q) => q.type === 'direct');
  const predI = quotes.filter((q) => q.type === 'indirect');
  counts.goldDirect += direct.length;
  counts.predDirect += predD.length;
  counts.goldIndirect += indirect.length;
  counts.predIndirect += predI.length;
  const snip = (f: Frag) => JSON.stringify(doc.text.slice(f.start, f.end).slice(0, 90));
  const m = matchSpans(
    predD,
    direct.map((g) => g.frags),
  );
  const matchedGold = new Set(m.values());
  predD.forEach((q, p) => {
    const g = m.get(p);
    if (g === undefined) {
      log?.(`FP  ${doc.name} ${snip(q)}`);
      return;
    }
    counts.matchedDirect++;
    const gold = direct[g]!;
    if (gold.sources.length === 0) return;
    counts.matchedWithSource++;
    if (speakerCorrect(doc.text, q, gold.sources)) counts.correct++;
    else
      log?.(
        `ATT ${doc.name} ${snip(q)} pred=${q.speaker ? `${q.speaker.name} [${q.speaker.mention.text}]` : 'null'} cue=${q.cue?.text ?? '-'} gold=${gold.sources.map(snip).join('|')}`,
      );
  });
  direct.forEach((g, i) => {
    if (!matchedGold.has(i)) log?.(`FN  ${doc.name} ${snip(g.frags[0]!)}`);
  });
  const mi = matchSpans(
    predI,
    indirect.map((g) => g.frags),
  );
  const matchedI = new Set(mi.values());
  indirect.forEach((g, i) => {
    if (!matchedI.has(i)) log?.(`IFN ${doc.name} ${snip(g.frags[0]!)} src=${g.sources.map(snip).join('|')}`);
  });
  predI.forEach((q, p) => {
    const g = mi.get(p);
    if (g === undefined) {
      log?.(`IFP ${doc.name} ${snip(q)} ${q.speaker?.mention.text ?? 'null'}`);
      return;
    }
    counts.matchedIndirect++;
    const gold = indirect[g]!;
    if (gold.sources.length === 0) return;
    counts.matchedIndirectWithSource++;
    if (speakerCorrect(doc.text, q, gold.sources)) counts.correctIndirect++;
    else
      log?.(
        `IATT ${doc.name} ${snip(q)} pred=${q.speaker ? `${q.speaker.name} [${q.speaker.mention.text}]` : 'null'} gold=${gold.sources.map(snip).join('|')}`,
      );
  });
}

export function summarize(c: Counts): Record<string, number> {
  const p = ratio(c.matchedDirect, c.predDirect);
  const r = ratio(c.matchedDirect, c.goldDirect);
  const e2eP = ratio(c.correct, c.predDirect);
  const e2eR = ratio(c.correct, c.goldDirect);
  const ip = ratio(c.matchedIndirect, c.predIndirect);
  const ir = ratio(c.matchedIndirect, c.goldIndirect);
  return {
    directPrecision: p,
    directRecall: r,
    directF1: f1(p, r),
    attributionAccuracy: ratio(c.correct, c.matchedWithSource),
    endToEndPrecision: e2eP,
    endToEndRecall: e2eR,
    endToEndF1: f1(e2eP, e2eR),
    indirectPrecision: ip,
    indirectRecall: ir,
    indirectContentF1: f1(ip, ir),
    indirectSourceAccuracy: ratio(c.correctIndirect, c.matchedIndirectWithSource),
  };
}

export function emptyCounts(): Counts {
  return {
    goldDirect: 0,
    predDirect: 0,
    matchedDirect: 0,
    matchedWithSource: 0,
    correct: 0,
    goldIndirect: 0,
    predIndirect: 0,
    matchedIndirect: 0,
    matchedIndirectWithSource: 0,
    correctIndirect: 0,
  };
}

export async function run(argv: string[]): Promise<number> {
  // The modern development set (article-html bodies annotated by reading) has its own scorer.
  if (argv.includes('--news'))
    return (await import('./quotes-news.ts')).run(argv.filter((a) => a !== '--news'));
  let data: string | undefined;
  let errors = false;
  let json = false;
  let limit = Number.POSITIVE_INFINITY;
  let entitiesFile: string | undefined;
  let folds = 0;
  let ablate = false;
  let grid: { direct: number; indirect: number }[] | undefined;
  let disabled = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data') data = argv[++i];
    else if (a === '--cv') folds = Number(argv[++i]);
    else if (a === '--ablate') ablate = true;
    else if (a === '--disable') disabled = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (a === '--thresholds')
      grid = (argv[++i] ?? '').split(',').map((pair) => {
        const [direct, indirect] = pair.split('/').map(Number);
        return { direct: direct ?? 0, indirect: indirect ?? 0 };
      });
    else if (a === '--errors') errors = true;
    else if (a === '--json') json = true;
    else if (a === '--limit') limit = Number(argv[++i]);
    else if (a === '--entities') entitiesFile = argv[++i];
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${usage}\n`);
      return 0;
    } else {
      process.stderr.write(`eval quotes: unknown argument '${a}'\n\n${usage}\n`);
      return 2;
    }
  }
  if (!data) {
    process.stderr.write(`eval quotes: --data DIR is required\n\n${usage}\n`);
    return 2;
  }
  if (folds !== 0 && !(Number.isInteger(folds) && folds >= 2)) {
    process.stderr.write(`eval quotes: --cv needs a whole number of folds, 2 or more\n\n${usage}\n`);
    return 2;
  }
  if (folds && ablate) {
    process.stderr.write(`eval quotes: give --cv or --ablate, not both\n\n${usage}\n`);
    return 2;
  }
  let docs: Doc[];
  try {
    docs = loadPolnear(data, limit);
  } catch (err) {
    process.stderr.write(`eval quotes: cannot read ${data}: ${(err as Error).message}\n`);
    return 1;
  }
  const counts = emptyCounts();
  const log = errors ? (line: string) => process.stdout.write(`${line}\n`) : undefined;
  const cached = entitiesFile
    ? (JSON.parse(readFileSync(entitiesFile, 'utf8')) as Record<string, EntityMention[]>)
    : undefined;
  if (folds || ablate) {
    const recognize = cached
      ? undefined
      : (await import('../../core/nlp/entities/recognize.ts')).recognizeEntities;
    const mentionsOf = docs.map((doc) => cached?.[doc.name] ?? recognize?.(doc.text) ?? []);
    const { crossValidate, ablation, cvReport, ablationReport } = await import('./quotes-cv.ts');
    if (folds) {
      const rs = crossValidate(docs, mentionsOf, folds, undefined, grid, disabled, log);
      process.stdout.write(json ? `${JSON.stringify(grid ? rs : rs[0])}\n` : rs.map(cvReport).join('\n'));
    } else {
      const r = ablation(docs, mentionsOf, (id) => process.stderr.write(`  ${id}\n`));
      process.stdout.write(json ? `${JSON.stringify(r)}\n` : ablationReport(r));
    }
    return 0;
  }
  // The recogniser (and its model) loads only when entities are not given.
  const extract = cached ? undefined : (await import('../../core/nlp/extract.ts')).extract;
  for (const doc of docs) {
    const mentions = cached?.[doc.name];
    const quotes = mentions ? findQuotes(doc.text, mentions) : extract!(doc.text).quotes;
    scoreDoc(doc, quotes, counts, log);
  }
  const s = summarize(counts);
  if (json) {
    process.stdout.write(`${JSON.stringify({ documents: docs.length, ...counts, ...s })}\n`);
    return 0;
  }
  const pct = (x: number) => x.toFixed(3);
  process.stdout.write(
    [
      `PolNeAR quotes: ${docs.length} documents, ${counts.goldDirect} gold direct quotes, ${counts.predDirect} predicted`,
      `direct quotes   P ${pct(s.directPrecision!)}  R ${pct(s.directRecall!)}  F1 ${pct(s.directF1!)}`,
      `attribution     accuracy ${pct(s.attributionAccuracy!)} (${counts.correct}/${counts.matchedWithSource} matched quotes with a gold source)`,
      `end to end      P ${pct(s.endToEndPrecision!)}  R ${pct(s.endToEndRecall!)}  F1 ${pct(s.endToEndF1!)}`,
      `indirect        ${counts.goldIndirect} gold, ${counts.predIndirect} predicted: content P ${pct(s.indirectPrecision!)}  R ${pct(s.indirectRecall!)}  F1 ${pct(s.indirectContentF1!)}  source accuracy ${pct(s.indirectSourceAccuracy!)} (${counts.correctIndirect}/${counts.matchedIndirectWithSource})`,
    ].join('\n') + '\n',
  );
  return 0;
}
