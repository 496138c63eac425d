/**
 * Word clusters learned from unlabelled text that is no evaluation data (the CoNLL-2003 training
 * tokens, the PolNeAR train article texts, and the article-html bodies that the news check set does
 * not annotate; read where they lie and never stored; no development split is read): every frequent word gets a vector of positive
 * pointwise mutual information with its left and right neighbours, reduced to a few hundred
 * dimensions with a seeded randomised SVD, then clustered by hierarchical spherical k-means
 * (32 top clusters, each split in 8, then again in 8), giving Brown-style coarse-to-fine ids.
 * Deterministic: seeded, single-threaded, fixed iteration counts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClusters } from '../../functions/core/model/format.ts';
import type { ConllDocument } from '../../functions/core/nlp/entities/conll.ts';
import { type Clusters, fnv } from '../../functions/core/nlp/entities/features.ts';
import { normalise, tokenize } from '../../functions/core/nlp/tokenize.ts';
import { seeded as rng } from '../random.ts';

const MIN_COUNT = 3;
const CONTEXTS = 3000;
const DIM = 192;
const BRANCHES = [32, 8, 8];
const ITERATIONS = 12;

/** Where the unlabelled text lies. */
export interface UnlabelledSources {
  /** PolNeAR root: only its `train/text` is read. */
  readonly polnear: string;
  /** article-html ground-truth.json (bodies by page id), or null. */
  readonly articleBodies: string | null;
  /** Page ids of the bodies the news check set annotates: never read. */
  readonly excludedPages: ReadonlySet<string>;
}

function pushLines(out: string[][], text: string): void {
  for (const line of text.split(/\n+/)) {
    const toks = tokenize(line).map((t) => t.norm);
    if (toks.length) out.push(toks);
  }
}

/** Sentences of unlabelled text: CoNLL train tokens, PolNeAR train texts, unannotated article bodies. */
export function unlabelledSentences(train: readonly ConllDocument[], src: UnlabelledSources): string[][] {
  const out: string[][] = [];
  for (const d of train) for (const s of d.sentences) out.push(s.tokens.map(normalise));
  const dir = join(src.polnear, 'train', 'text');
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort())
      if (f.endsWith('.txt')) pushLines(out, readFileSync(join(dir, f), 'utf8'));
  }
  if (src.articleBodies && existsSync(src.articleBodies)) {
    const pages = JSON.parse(readFileSync(src.articleBodies, 'utf8')) as Record<
      string,
      { articleBody?: string }
    >;
    for (const id of Object.keys(pages).sort()) {
      const body = pages[id]?.articleBody;
      if (!src.excludedPages.has(id) && typeof body === 'string') pushLines(out, body);
    }
  }
  return out;
}

/** Spherical k-means of the rows `members` of `vecs` (n x DIM, unit rows) into k clusters. */
function kmeans(vecs: Float32Array, members: number[], k: number, random: () => number): Int32Array {
  const assign = new Int32Array(members.length);
  if (members.length <= k) {
    for (let i = 0; i < members.length; i++) assign[i] = i;
    return assign;
  }
  const cent = new Float64Array(k * DIM);
  // Seeded k-means++-lite: random distinct starting members.
  const chosen = new Set<number>();
  for (let c = 0; c < k; c++) {
    let m = Math.floor(random() * members.length);
    while (chosen.has(m)) m = (m + 1) % members.length;
    chosen.add(m);
    const o = members[m]! * DIM;
    for (let d = 0; d < DIM; d++) cent[c * DIM + d] = vecs[o + d]!;
  }
  for (let it = 0; it < ITERATIONS; it++) {
    for (let i = 0; i < members.length; i++) {
      const o = members[i]! * DIM;
      let best = -2;
      let arg = 0;
      for (let c = 0; c < k; c++) {
        let s = 0;
        const co = c * DIM;
        for (let d = 0; d < DIM; d++) s += vecs[o + d]! * cent[co + d]!;
        if (s > best) {
          best = s;
          arg = c;
        }
      }
      assign[i] = arg;
    }
    cent.fill(0);
    for (let i = 0; i < members.length; i++) {
      const o = members[i]! * DIM;
      const co = assign[i]! * DIM;
      for (let d = 0; d < DIM; d++) cent[co + d]! += vecs[o + d]!;
    }
    for (let c = 0; c < k; c++) {
      let n = 0;
      for (let d = 0; d < DIM; d++) n += cent[c * DIM + d]! ** 2;
      n = Math.sqrt(n) || 1;
      for (let d = 0; d < DIM; d++) cent[c * DIM + d]! /= n;
    }
  }
  return assign;
}

/** Clusters of the frequent words of `sents` (from unlabelledSentences). */
export function learnClusters(sents: readonly (readonly string[])[], log: (m: string) => void): Clusters {
  const counts = new Map<string, number>();
  const lcounts = new Map<string, number>();
  let total = 0;
  for (const s of sents) {
    for (const w of s) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      const l = w.toLowerCase();
      lcounts.set(l, (lcounts.get(l) ?? 0) + 1);
      total++;
    }
  }
  const byFreq = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w]) => w);
  const vocab = byFreq(counts).filter((w) => counts.get(w)! >= MIN_COUNT);
  const vocabIndex = new Map(vocab.map((w, i) => [w, i]));
  const ctxWords = byFreq(lcounts).slice(0, CONTEXTS);
  const ctxIndex = new Map(ctxWords.map((w, i) => [w, i]));
  log(`clusters: ${total} tokens of unlabelled text, ${vocab.length} words, ${ctxWords.length} contexts`);
  // Co-occurrence counts: context id (0..2C) for left (c) and right (C + c) neighbours, plus boundaries.
  const C2 = 2 * CONTEXTS + 2;
  const cooc: Map<number, number>[] = vocab.map(() => new Map());
  const ctxTotals = new Float64Array(C2);
  for (const s of sents) {
    for (let i = 0; i < s.length; i++) {
      const v = vocabIndex.get(s[i]!);
      if (v === undefined) continue;
      const left = i > 0 ? ctxIndex.get(s[i - 1]!.toLowerCase()) : -1;
      const right = i + 1 < s.length ? ctxIndex.get(s[i + 1]!.toLowerCase()) : -1;
      const ids = [left === -1 ? 2 * CONTEXTS : left, right === -1 ? 2 * CONTEXTS + 1 : right];
      if (ids[1] !== undefined && ids[1] < CONTEXTS) ids[1] += CONTEXTS;
      for (const c of ids) {
        if (c === undefined) continue;
        const m = cooc[v]!;
        m.set(c, (m.get(c) ?? 0) + 1);
        ctxTotals[c]! += 1;
      }
    }
  }
  // PPMI matrix A (vocab x contexts), sparse rows.
  let grand = 0;
  for (let c = 0; c < C2; c++) grand += ctxTotals[c]!;
  const rows: { c: Int32Array; v: Float64Array }[] = cooc.map((m) => {
    let rowTotal = 0;
    for (const n of m.values()) rowTotal += n;
    const entries = [...m].sort((a, b) => a[0] - b[0]);
    const cs: number[] = [];
    const vs: number[] = [];
    for (const [c, n] of entries) {
      const pmi = Math.log((n * grand) / (rowTotal * ctxTotals[c]! ** 0.75 * grand ** 0.25));
      if (pmi > 0) {
        cs.push(c);
        vs.push(pmi);
      }
    }
    return { c: Int32Array.from(cs), v: Float64Array.from(vs) };
  });
  // Randomised SVD range finder: Y = A R, Q = orth(A^T Y), embedding = A Q (about U S).
  const random = rng(1234567);
  const R = new Float64Array(C2 * DIM);
  for (let i = 0; i < R.length; i++) R[i] = random() + random() + random() - 1.5;
  const Y = new Float64Array(vocab.length * DIM);
  rows.forEach((r, v) => {
    for (let k = 0; k < r.c.length; k++) {
      const po = r.c[k]! * DIM;
      const x = r.v[k]!;
      for (let d = 0; d < DIM; d++) Y[v * DIM + d]! += x * R[po + d]!;
    }
  });
  const Z = new Float64Array(C2 * DIM);
  rows.forEach((r, v) => {
    for (let k = 0; k < r.c.length; k++) {
      const zo = r.c[k]! * DIM;
      const x = r.v[k]!;
      for (let d = 0; d < DIM; d++) Z[zo + d]! += x * Y[v * DIM + d]!;
    }
  });
  // Modified Gram-Schmidt on the columns of Z.
  for (let d = 0; d < DIM; d++) {
    for (let e = 0; e < d; e++) {
      let dot = 0;
      for (let c = 0; c < C2; c++) dot += Z[c * DIM + d]! * Z[c * DIM + e]!;
      for (let c = 0; c < C2; c++) Z[c * DIM + d]! -= dot * Z[c * DIM + e]!;
    }
    let n = 0;
    for (let c = 0; c < C2; c++) n += Z[c * DIM + d]! ** 2;
    n = Math.sqrt(n) || 1;
    for (let c = 0; c < C2; c++) Z[c * DIM + d]! /= n;
  }
  const vecs = new Float32Array(vocab.length * DIM);
  rows.forEach((r, v) => {
    const o = v * DIM;
    const acc = new Float64Array(DIM);
    for (let k = 0; k < r.c.length; k++) {
      const zo = r.c[k]! * DIM;
      const x = r.v[k]!;
      for (let d = 0; d < DIM; d++) acc[d]! += x * Z[zo + d]!;
    }
    let norm = 0;
    for (let d = 0; d < DIM; d++) norm += acc[d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < DIM; d++) vecs[o + d] = acc[d]! / norm;
  });
  // Hierarchical k-means.
  const ids: number[][] = vocab.map(() => []);
  let groups: number[][] = [vocab.map((_, i) => i)];
  let base = 0;
  for (const k of BRANCHES) {
    const next: number[][] = [];
    let gi = 0;
    for (const members of groups) {
      const assign = kmeans(vecs, members, k, random);
      const parts: number[][] = Array.from({ length: k }, () => []);
      members.forEach((m, i) => {
        parts[assign[i]!]!.push(m);
      });
      parts.forEach((p, c) => {
        for (const m of p) ids[m]!.push(base + gi * k + c);
        next.push(p);
      });
      gi++;
    }
    base += groups.length * k;
    groups = next;
    log(`clusters: level with ${groups.filter((g) => g.length > 0).length} non-empty clusters`);
  }
  const words = new Map<string, number[]>();
  vocab.forEach((w, i) => {
    words.set(w, ids[i]!);
  });
  return buildClusters(words, (w) => fnv(w));
}
