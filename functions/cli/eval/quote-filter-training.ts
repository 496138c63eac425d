/**
 * Training of the confidence filter of functions/core/nlp/quotes/confidence.ts, callable
 * in-process (scripts/train-speakers.ts writes the shipped artifact with it; `eval quotes --cv`
 * retrains it per fold): a logistic regression over each quotation found (direct or reported),
 * labelled by whether the PolNeAR scorer matches it to a gold quotation of its kind. The
 * thresholds are not learned here: they are chosen by cross-validation on train (the defaults
 * below, see docs/quotes.md). Deterministic: seeded shuffles, no clock.
 */
import { seeded } from '../../../scripts/random.ts';
import { FILTER_MODEL_FORMAT, type FilterModel } from '../../core/nlp/quotes/confidence.ts';
import { featuredQuotes, type QuoteOptions } from '../../core/nlp/quotes/find.ts';
import type { EntityMention } from '../../core/types.ts';
import { type Doc, goldOf, matchSpans } from './quotes.ts';

export interface FilterExample {
  readonly features: readonly string[];
  readonly right: boolean;
}

/**
 * Probability cut-offs chosen by five-fold cross-validation on train
 * (`eval quotes --cv 5 --thresholds …`, figures in docs/quotes.md): dropping direct quotations
 * below 0.7 raises end-to-end F1 from 0.876 to 0.884 and attribution from 0.921 to 0.929 for
 * direct F1 0.961 -> 0.959. Reported speech is cut where its precision reaches 0.85 (a quotation
 * credited wrongly is worse than none): below 0.62, precision 0.789 -> 0.850 for content F1
 * 0.604 -> 0.578 (recall 0.490 -> 0.439).
 */
export const DEFAULT_THRESHOLDS = { direct: 0.7, indirect: 0.62 } as const;

export interface FilterTraining {
  readonly epochs: number;
  readonly rate: number;
  /** L2 penalty per update. */
  readonly l2: number;
  readonly seed: number;
}

export const DEFAULT_FILTER_TRAINING: FilterTraining = { epochs: 8, rate: 0.05, l2: 1e-4, seed: 20160102 };

/** One document's quotations found (filter off), labelled against its gold. */
export function filterExamplesOf(
  doc: Doc,
  mentions: readonly EntityMention[],
  options: QuoteOptions = {},
): FilterExample[] {
  const { direct, indirect } = goldOf(doc);
  const found = featuredQuotes(doc.text, mentions, options);
  const out: FilterExample[] = [];
  for (const type of ['direct', 'indirect'] as const) {
    const mine = found.filter((f) => f.quote.type === type);
    const gold = type === 'direct' ? direct : indirect;
    const m = matchSpans(
      mine.map((f) => f.quote),
      gold.map((g) => g.frags),
    );
    mine.forEach((f, p) => {
      out.push({ features: f.features, right: m.has(p) });
    });
  }
  return out;
}

/** Logistic regression by stochastic gradient descent, `epochs` passes in a seeded order. */
export function trainFilter(
  exs: readonly FilterExample[],
  thresholds: FilterModel['thresholds'] = DEFAULT_THRESHOLDS,
  o: FilterTraining = DEFAULT_FILTER_TRAINING,
): FilterModel {
  const w = new Map<string, number>();
  const rand = seeded(o.seed);
  const order = [...exs.keys()];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = o.rate / (1 + epoch);
    for (const idx of order) {
      const ex = exs[idx]!;
      let s = 0;
      for (const f of ex.features) s += w.get(f) ?? 0;
      const p = 1 / (1 + Math.exp(-s));
      const g = (ex.right ? 1 : 0) - p;
      for (const f of ex.features) {
        const v = w.get(f) ?? 0;
        w.set(f, v + rate * (g - o.l2 * v));
      }
    }
  }
  const weights: Record<string, number> = {};
  for (const f of [...w.keys()].sort()) {
    const v = Math.round(w.get(f)! * 1000) / 1000;
    if (v !== 0) weights[f] = v;
  }
  return { format: FILTER_MODEL_FORMAT, weights, thresholds };
}
