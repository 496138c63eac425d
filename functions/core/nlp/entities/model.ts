/**
 * The entity model at run time: a linear model over string features with first-order label
 * transitions, decoded exactly with Viterbi over BILOU labels (B, I, L, U per type, plus O).
 */
import { type Clusters, type DocumentFeatures, type HashIndex, hashRow, type Lexicon } from './features.ts';
import type { Casing } from './truecase.ts';

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type ConllType = (typeof ENTITY_TYPES)[number];

export const LABELS: readonly string[] = [
  'O',
  ...ENTITY_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`)),
];
export const NUM_LABELS = LABELS.length;

export interface NerModel {
  readonly index: HashIndex;
  /** Quantised weights, row-major, NUM_LABELS per feature row; real weight = value * scale. */
  readonly weights: Int16Array;
  readonly scale: number;
  /** (NUM_LABELS + 1) x NUM_LABELS; the last row is the start state. */
  readonly transitions: Float32Array;
  readonly lexicon: Lexicon | null;
  readonly clusters: Clusters | null;
  readonly casing: Casing | null;
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

/** Whether a sequence may start (resp. end) on each label, as flags. */
const START_OK = Uint8Array.from({ length: NUM_LABELS }, (_, j) =>
  allowedTransition(NUM_LABELS, j) ? 1 : 0,
);
const END_OK = Uint8Array.from({ length: NUM_LABELS }, (_, j) => (allowedEnd(j) ? 1 : 0));

/**
 * The shape of the allowed transitions, which the decoder below is written for: a label that opens
 * or stands alone (O, B-x, U-x) follows any label that closes (O, L-y, U-y); an inside or last
 * label (I-x, L-x) follows only B-x or I-x. CLOSERS lists the closing labels in ascending order.
 */
const CLOSERS: readonly number[] = LABELS.flatMap((_, l) => (allowedEnd(l) ? [l] : []));
const OPENS = Uint8Array.from({ length: NUM_LABELS }, (_, j) => (allowedTransition(0, j) ? 1 : 0));
(() => {
  const ok =
    CLOSERS.length === 1 + 2 * ENTITY_TYPES.length &&
    LABELS.every((_, j) =>
      LABELS.every((__, i) => {
        const expected = OPENS[j]
          ? CLOSERS.includes(i)
          : (prefixOf(i) === 'B' || prefixOf(i) === 'I') && typeOf(i) === typeOf(j);
        return allowedTransition(i, j) === expected;
      }),
    ) &&
    ENTITY_TYPES.every((_, t) => prefixOf(1 + 4 * t) === 'B' && prefixOf(2 + 4 * t) === 'I');
  if (!ok) throw new Error('viterbi: the label set no longer has the BILOU layout it is written for');
})();
const [C0, C1, C2, C3, C4, C5, C6, C7, C8] = CLOSERS as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
/** For an inside or last label, the B label of its type (its other predecessor is the I label after it). */
const B_OF = Int32Array.from({ length: NUM_LABELS }, (_, j) => (OPENS[j] ? -1 : 1 + 4 * ((j - 1) >> 2)));

let scoreBuf = new Float64Array(0);
let backBuf = new Int32Array(0);

/**
 * Viterbi over `n` positions with emission scores `em` (n x NUM_LABELS) and transition scores
 * `trans` ((NUM_LABELS + 1) x NUM_LABELS). Returns the best allowed label sequence (ties go to the
 * lowest-numbered predecessor and final label). The nine closing labels' scores are read once per
 * position and the predecessors of each label are unrolled: the same sums and comparisons, in the
 * same order, as a loop over allowedTransition.
 */
export function viterbi(em: Float64Array, n: number, trans: ArrayLike<number>): Int32Array {
  const L = NUM_LABELS;
  const out = new Int32Array(n);
  if (n === 0) return out;
  if (scoreBuf.length < n * L) {
    scoreBuf = new Float64Array(n * L * 2);
    backBuf = new Int32Array(n * L * 2);
  }
  const score = scoreBuf;
  const back = backBuf;
  for (let j = 0; j < L; j++) {
    score[j] = START_OK[j] ? em[j]! + trans[L * L + j]! : Number.NEGATIVE_INFINITY;
  }
  const r0 = C0 * L;
  const r1 = C1 * L;
  const r2 = C2 * L;
  const r3 = C3 * L;
  const r4 = C4 * L;
  const r5 = C5 * L;
  const r6 = C6 * L;
  const r7 = C7 * L;
  const r8 = C8 * L;
  for (let t = 1; t < n; t++) {
    const o = t * L;
    const po = o - L;
    const s0 = score[po + C0]!;
    const s1 = score[po + C1]!;
    const s2 = score[po + C2]!;
    const s3 = score[po + C3]!;
    const s4 = score[po + C4]!;
    const s5 = score[po + C5]!;
    const s6 = score[po + C6]!;
    const s7 = score[po + C7]!;
    const s8 = score[po + C8]!;
    for (let j = 0; j < L; j++) {
      let best: number;
      let arg: number;
      if (OPENS[j]) {
        best = s0 + trans[r0 + j]!;
        arg = C0;
        let s = s1 + trans[r1 + j]!;
        if (s > best) {
          best = s;
          arg = C1;
        }
        s = s2 + trans[r2 + j]!;
        if (s > best) {
          best = s;
          arg = C2;
        }
        s = s3 + trans[r3 + j]!;
        if (s > best) {
          best = s;
          arg = C3;
        }
        s = s4 + trans[r4 + j]!;
        if (s > best) {
          best = s;
          arg = C4;
        }
        s = s5 + trans[r5 + j]!;
        if (s > best) {
          best = s;
          arg = C5;
        }
        s = s6 + trans[r6 + j]!;
        if (s > best) {
          best = s;
          arg = C6;
        }
        s = s7 + trans[r7 + j]!;
        if (s > best) {
          best = s;
          arg = C7;
        }
        s = s8 + trans[r8 + j]!;
        if (s > best) {
          best = s;
          arg = C8;
        }
      } else {
        const b = B_OF[j]!;
        best = score[po + b]! + trans[b * L + j]!;
        arg = b;
        const s = score[po + b + 1]! + trans[(b + 1) * L + j]!;
        if (s > best) {
          best = s;
          arg = b + 1;
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
    if (END_OK[j] && score[lo + j]! > best) {
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

/**
 * Emission scores of tokens [first, last) of a document under the model, written into `into`
 * (zeroed first) when given and large enough, else into a new array.
 */
export function emissions(
  model: NerModel,
  feats: DocumentFeatures,
  first: number,
  last: number,
  into?: Float64Array,
): Float64Array {
  const L = NUM_LABELS;
  const size = (last - first) * L;
  let em: Float64Array;
  if (into && into.length >= size) {
    em = into;
    em.fill(0, 0, size);
  } else em = new Float64Array(size);
  const w = model.weights;
  const index = model.index;
  const scale = model.scale;
  const { offsets, hashes } = feats;
  for (let t = first; t < last; t++) {
    const o = (t - first) * L;
    const kEnd = offsets[t + 1]!;
    for (let k = offsets[t]!; k < kEnd; k++) {
      const r = hashRow(index, hashes[k]!);
      if (r < 0) continue;
      const ro = r * L;
      for (let j = 0; j < L; j++) em[o + j]! += w[ro + j]!;
    }
    for (let j = 0; j < L; j++) em[o + j]! *= scale;
  }
  return em;
}

const LABEL_PREFIX: readonly string[] = LABELS.map((_, l) => prefixOf(l));
const LABEL_TYPE: readonly ConllType[] = LABELS.map((_, l) => typeOf(l) as ConllType);

/** Spans (token index ranges) and types of a BILOU label sequence. */
export function labelSpans(labels: ArrayLike<number>): { start: number; end: number; type: ConllType }[] {
  const out: { start: number; end: number; type: ConllType }[] = [];
  let open = -1;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l === 0) continue;
    const p = LABEL_PREFIX[l];
    if (p === 'U') out.push({ start: i, end: i + 1, type: LABEL_TYPE[l]! });
    else if (p === 'B') open = i;
    else if (p === 'L' && open >= 0) {
      out.push({ start: open, end: i + 1, type: LABEL_TYPE[l]! });
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
