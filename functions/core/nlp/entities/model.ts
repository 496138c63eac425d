/**
 * The entity model at run time: a linear model over string features with first-order label
 * transitions, decoded exactly with Viterbi over BILOU labels (B, I, L, U per type, plus O).
 */
import type { Clusters, Lexicon } from './features.ts';

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type ConllType = (typeof ENTITY_TYPES)[number];

export const LABELS: readonly string[] = [
  'O',
  ...ENTITY_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`)),
];
export const NUM_LABELS = LABELS.length;

export interface NerModel {
  /** Feature string -> row index into `weights` (row length NUM_LABELS). */
  readonly index: Map<string, number>;
  readonly weights: Float32Array;
  /** (NUM_LABELS + 1) x NUM_LABELS; the last row is the start state. */
  readonly transitions: Float32Array;
  readonly lexicon: Lexicon | null;
  readonly clusters: Clusters | null;
}

const prefixOf = (l: number) => (l === 0 ? 'O' : LABELS[l]![0]!);
const typeOf = (l: number) => (l === 0 ? '' : LABELS[l]!.slice(2));

/** Whether label `b` may follow label `a` (a === NUM_LABELS is the start state). */
export function allowedTransition(a: number, b: number): boolean {
  const pb = prefixOf(b);
  if (a === NUM_LABELS) return pb === 'O' || pb === 'B' || pb === 'U';
  const pa = prefixOf(a);
  if (pa === 'B' || pa === 'I') return (pb === 'I' || pb === 'L') && typeOf(a) === typeOf(b);
  return pb === 'O' || pb === 'B' || pb === 'U';
}

/** Whether a sequence may end on label `l`. */
export function allowedEnd(l: number): boolean {
  const p = prefixOf(l);
  return p === 'O' || p === 'L' || p === 'U';
}

const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((NUM_LABELS + 1) * NUM_LABELS);
  for (let i = 0; i <= NUM_LABELS; i++)
    for (let j = 0; j < NUM_LABELS; j++) a[i * NUM_LABELS + j] = allowedTransition(i, j) ? 1 : 0;
  return a;
})();

/**
 * Viterbi over `n` positions with emission scores `em` (n x NUM_LABELS) and transition scores
 * `trans` ((NUM_LABELS + 1) x NUM_LABELS). Returns the best allowed label sequence.
 */
export function viterbi(em: Float64Array, n: number, trans: ArrayLike<number>): Int32Array {
  const L = NUM_LABELS;
  const out = new Int32Array(n);
  if (n === 0) return out;
  const score = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let j = 0; j < L; j++) {
    score[j] = ALLOWED[L * L + j] ? em[j]! + trans[L * L + j]! : Number.NEGATIVE_INFINITY;
  }
  for (let t = 1; t < n; t++) {
    const o = t * L;
    const po = o - L;
    for (let j = 0; j < L; j++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let i = 0; i < L; i++) {
        if (!ALLOWED[i * L + j]) continue;
        const s = score[po + i]! + trans[i * L + j]!;
        if (s > best) {
          best = s;
          arg = i;
        }
      }
      score[o + j] = best + em[o + j]!;
      back[o + j] = arg;
    }
  }
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  const lo = (n - 1) * L;
  for (let j = 0; j < L; j++) {
    if (allowedEnd(j) && score[lo + j]! > best) {
      best = score[lo + j]!;
      arg = j;
    }
  }
  for (let t = n - 1; t >= 0; t--) {
    out[t] = arg;
    arg = back[t * L + arg]!;
  }
  return out;
}

/** Emission scores of `n` tokens' features under the model. */
export function emissions(model: NerModel, feats: readonly (readonly string[])[]): Float64Array {
  const L = NUM_LABELS;
  const em = new Float64Array(feats.length * L);
  const w = model.weights;
  for (let t = 0; t < feats.length; t++) {
    const o = t * L;
    for (const f of feats[t]!) {
      const r = model.index.get(f);
      if (r === undefined) continue;
      const ro = r * L;
      for (let j = 0; j < L; j++) em[o + j]! += w[ro + j]!;
    }
  }
  return em;
}

/** Spans (token index ranges) and types of a BILOU label sequence. */
export function labelSpans(labels: ArrayLike<number>): { start: number; end: number; type: ConllType }[] {
  const out: { start: number; end: number; type: ConllType }[] = [];
  let open = -1;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    const p = prefixOf(l);
    if (p === 'U') out.push({ start: i, end: i + 1, type: typeOf(l) as ConllType });
    else if (p === 'B') open = i;
    else if (p === 'L' && open >= 0) {
      out.push({ start: open, end: i + 1, type: typeOf(l) as ConllType });
      open = -1;
    }
  }
  return out;
}

/** BILOU label indices from IOB2 tags. */
export function bilouFromIob(tags: readonly string[]): Int32Array {
  const out = new Int32Array(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    if (tag === 'O') continue;
    const type = tag.slice(2);
    const begins = tag[0] === 'B' || i === 0 || tags[i - 1]!.slice(2) !== type || tags[i - 1] === 'O';
    const next = tags[i + 1];
    const ends = next === undefined || next === 'O' || next[0] === 'B' || next.slice(2) !== type;
    const p = begins && ends ? 'U' : begins ? 'B' : ends ? 'L' : 'I';
    out[i] = LABELS.indexOf(`${p}-${type}`);
  }
  return out;
}
