/**
 * `eval quotes --cv K` and `eval quotes --ablate`: the honest figures of quote attribution on
 * PolNeAR-format data. Cross-validation splits the documents into K folds (by a hash of the
 * document name, so a document's quotations stay together and the split never depends on the
 * order of files), retrains the speaker-choice model on the other folds and scores the held-out
 * one. The ablation switches each named rule off in turn (through the extraction's options) and
 * reports how each figure moves.
 */
import { fnv } from '../../core/nlp/entities/features.ts';
import { type FilterModel, keeps } from '../../core/nlp/quotes/confidence.ts';
import { featuredQuotes, findQuotes } from '../../core/nlp/quotes/find.ts';
import { ALL_RULES, type RuleKind } from '../../core/nlp/quotes/rules.ts';
import type { EntityMention, Quote } from '../../core/types.ts';
import {
  DEFAULT_THRESHOLDS,
  type FilterExample,
  filterExamplesOf,
  trainFilter,
} from './quote-filter-training.ts';
import { type Doc, emptyCounts, scoreDoc, summarize } from './quotes.ts';
import {
  DEFAULT_TRAINING,
  type Example,
  examplesOf,
  type TrainOptions,
  toModel,
  trainRuns,
} from './speaker-training.ts';

/** The fold of a document: FNV-1a of its name. */
export function foldOf(name: string, k: number): number {
  return (fnv(name) >>> 0) % k;
}

export interface Spread {
  readonly mean: number;
  /** Sample standard deviation over the folds. */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
}

export interface CvResult {
  readonly folds: number;
  readonly documents: readonly number[];
  /** The confidence filter's thresholds the figures are for. */
  readonly thresholds: FilterModel['thresholds'];
  readonly figures: Readonly<Record<string, Spread>>;
}

export function spread(values: readonly number[]): Spread {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, min: Math.min(...values), max: Math.max(...values), values };
}

/**
 * K-fold cross-validation by document: the speaker model and the confidence filter retrained on
 * the other folds each time. The held-out folds are scored once for each pair of filter
 * thresholds given (one result per pair, in order), so thresholds are chosen on train alone.
 */
export function crossValidate(
  docs: readonly Doc[],
  mentionsOf: readonly (readonly EntityMention[])[],
  k: number,
  training: TrainOptions = DEFAULT_TRAINING,
  grid: readonly FilterModel['thresholds'][] = [DEFAULT_THRESHOLDS],
  disabled: ReadonlySet<string> = new Set(),
  log?: (line: string) => void,
): CvResult[] {
  const fold = docs.map((d) => foldOf(d.name, k));
  // A quotation's candidates do not depend on the model: collected once, pooled per fold.
  const examples: Example[][] = docs.map((d, i) => examplesOf(d, mentionsOf[i]!, { disabled }));
  const per: Record<string, number>[][] = grid.map(() => []);
  const documents: number[] = [];
  for (let f = 0; f < k; f++) {
    const train: Example[] = [];
    docs.forEach((_, i) => {
      if (fold[i] !== f) train.push(...examples[i]!);
    });
    const model = toModel(trainRuns(train, training));
    const filterTrain: FilterExample[] = [];
    docs.forEach((d, i) => {
      if (fold[i] !== f) filterTrain.push(...filterExamplesOf(d, mentionsOf[i]!, { model, disabled }));
    });
    const filter = trainFilter(filterTrain);
    const counts = grid.map(() => emptyCounts());
    let n = 0;
    docs.forEach((d, i) => {
      if (fold[i] !== f) return;
      n++;
      const found = featuredQuotes(d.text, mentionsOf[i]!, { model, disabled });
      grid.forEach((thresholds, g) => {
        const m = { ...filter, thresholds };
        const kept = found.filter((q) => keeps(m, q.quote.type, q.features)).map((q) => q.quote);
        // Errors of the held-out fold, at the first thresholds given.
        scoreDoc(d, kept, counts[g]!, g === 0 ? log : undefined);
      });
    });
    documents.push(n);
    grid.forEach((_, g) => {
      per[g]!.push(summarize(counts[g]!));
    });
  }
  return grid.map((thresholds, g) => {
    const figures: Record<string, Spread> = {};
    for (const name of Object.keys(per[g]![0]!)) figures[name] = spread(per[g]!.map((p) => p[name]!));
    return { folds: k, documents, thresholds, figures };
  });
}

const LABELS: readonly [string, string][] = [
  ['directPrecision', 'direct precision'],
  ['directRecall', 'direct recall'],
  ['directF1', 'direct F1'],
  ['attributionAccuracy', 'attribution'],
  ['endToEndPrecision', 'end-to-end precision'],
  ['endToEndRecall', 'end-to-end recall'],
  ['endToEndF1', 'end-to-end F1'],
  ['indirectPrecision', 'indirect precision'],
  ['indirectRecall', 'indirect recall'],
  ['indirectContentF1', 'indirect content F1'],
  ['indirectSourceAccuracy', 'indirect source accuracy'],
];

const f3 = (x: number) => x.toFixed(3);

export function cvReport(r: CvResult): string {
  const lines = [
    `PolNeAR quotes, ${r.folds}-fold cross-validation by document (speaker model and confidence filter retrained per fold; filter thresholds direct ${r.thresholds.direct}, indirect ${r.thresholds.indirect}): ${r.documents.reduce((a, b) => a + b, 0)} documents (${r.documents.join(', ')} per fold)`,
    `${''.padEnd(26)}mean    sd      min     max`,
  ];
  for (const [key, label] of LABELS) {
    const s = r.figures[key]!;
    lines.push(`${label.padEnd(26)}${f3(s.mean)}   ${f3(s.sd)}   ${f3(s.min)}   ${f3(s.max)}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface AblationRow {
  readonly id: string;
  readonly kind: RuleKind;
  /** Change of each figure when the rule is off (off minus on). */
  readonly delta: Readonly<Record<string, number>>;
  /** Output quotations (span, speaker) that differ from the output with every rule on. */
  readonly changed: number;
}

export interface AblationResult {
  readonly documents: number;
  readonly baseline: Readonly<Record<string, number>>;
  readonly rows: readonly AblationRow[];
}

function keys(quotes: readonly Quote[]): string[] {
  return quotes.map(
    (q) =>
      `${q.type}:${q.start}:${q.end}:${q.speaker?.name ?? ''}:${q.speaker?.mention.start ?? ''}:${q.cue?.start ?? ''}`,
  );
}

function differing(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let n = 0;
  for (const x of sa) if (!sb.has(x)) n++;
  for (const x of sb) if (!sa.has(x)) n++;
  return n;
}

/** Each named rule switched off in turn, on the shipped speaker model. */
export function ablation(
  docs: readonly Doc[],
  mentionsOf: readonly (readonly EntityMention[])[],
  progress?: (id: string) => void,
): AblationResult {
  const score = (disabled: ReadonlySet<string>) => {
    const counts = emptyCounts();
    const out: string[][] = [];
    docs.forEach((d, i) => {
      const quotes = findQuotes(d.text, mentionsOf[i]!, { disabled });
      out.push(keys(quotes));
      scoreDoc(d, quotes, counts);
    });
    return { summary: summarize(counts), out };
  };
  const base = score(new Set());
  const rows: AblationRow[] = [];
  for (const rule of ALL_RULES) {
    progress?.(rule.id);
    const r = score(new Set([rule.id]));
    const delta: Record<string, number> = {};
    for (const k of Object.keys(base.summary)) delta[k] = r.summary[k]! - base.summary[k]!;
    let changed = 0;
    r.out.forEach((o, i) => {
      changed += differing(o, base.out[i]!);
    });
    rows.push({ id: rule.id, kind: rule.kind, delta, changed });
  }
  rows.sort((a, b) => a.delta.endToEndF1! - b.delta.endToEndF1! || a.id.localeCompare(b.id));
  return { documents: docs.length, baseline: base.summary, rows };
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`;

export function ablationReport(r: AblationResult): string {
  const b = r.baseline;
  const lines = [
    `PolNeAR quotes, ablation over ${r.documents} documents: each rule switched off alone (shipped speaker model)`,
    `all rules on: direct F1 ${f3(b.directF1!)}  attribution ${f3(b.attributionAccuracy!)}  end-to-end F1 ${f3(b.endToEndF1!)}  indirect F1 ${f3(b.indirectContentF1!)}`,
    `${'rule'.padEnd(32)}${'kind'.padEnd(14)}Δ end-to-end F1  Δ attribution  Δ direct F1  Δ indirect F1  changed outputs`,
  ];
  for (const row of r.rows) {
    const d = row.delta;
    lines.push(
      `${row.id.padEnd(32)}${row.kind.padEnd(14)}${signed(d.endToEndF1!).padEnd(17)}${signed(d.attributionAccuracy!).padEnd(15)}${signed(d.directF1!).padEnd(13)}${signed(d.indirectContentF1!).padEnd(15)}${row.changed}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
