/**
 * The compact, self-contained artifact format of the entity model. One JSON document whose `data`
 * is the base64 of a deflated binary payload holding, in order: the feature strings, the sparse
 * quantised weights, the transition scores, the gazetteer and the word clusters. Pure: encoding and
 * decoding need no file system, so the bundler can inline the artifact into the function.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { type Clusters, LEXICON_CATEGORIES, type Lexicon } from '../nlp/entities/features.ts';
import { LABELS, type NerModel, NUM_LABELS } from '../nlp/entities/model.ts';

export const FORMAT = 'news-ingest-ner/1';

export interface ModelArtifact {
  readonly format: string;
  readonly labels: readonly string[];
  readonly features: number;
  readonly scale: number;
  readonly lexiconCategories: readonly string[];
  readonly data: string;
  readonly meta?: Record<string, string | number>;
}

export interface ModelParts {
  readonly features: readonly string[];
  /** Dense weights, features x NUM_LABELS. */
  readonly weights: ArrayLike<number>;
  readonly transitions: ArrayLike<number>;
  readonly lexicon: Lexicon | null;
  readonly clusters: Clusters | null;
}

function toBase64(bytes: Uint8Array): string {
  const B = (globalThis as { Buffer?: { from(b: Uint8Array): { toString(e: string): string } } }).Buffer;
  if (B) return B.from(bytes).toString('base64');
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(s: string): Uint8Array {
  const B = (globalThis as { Buffer?: { from(s: string, e: string): Uint8Array } }).Buffer;
  if (B) return new Uint8Array(B.from(s, 'base64'));
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function encodeModel(parts: ModelParts, meta?: Record<string, string | number>): ModelArtifact {
  const L = NUM_LABELS;
  let max = 0;
  for (let i = 0; i < parts.weights.length; i++) max = Math.max(max, Math.abs(parts.weights[i]!));
  const scale = max > 0 ? max / 32767 : 1;
  const wbytes: number[] = [];
  for (let f = 0; f < parts.features.length; f++) {
    const nz: [number, number][] = [];
    for (let j = 0; j < L; j++) {
      const q = Math.round(parts.weights[f * L + j]! / scale);
      if (q !== 0) nz.push([j, q]);
    }
    wbytes.push(nz.length);
    for (const [j, q] of nz) wbytes.push(j, q & 0xff, (q >> 8) & 0xff);
  }
  const trans = new Float32Array(parts.transitions.length);
  for (let i = 0; i < trans.length; i++) trans[i] = parts.transitions[i]!;
  const lexText = parts.lexicon ? [...parts.lexicon.phrases].map(([p, m]) => `${p}\t${m}`).join('\n') : '';
  const clusterText = parts.clusters
    ? [...parts.clusters].map(([w, c]) => `${w}\t${c.join(' ')}`).join('\n')
    : '';
  const sections = [
    strToU8(parts.features.join('\n')),
    Uint8Array.from(wbytes),
    new Uint8Array(trans.buffer),
    strToU8(lexText),
    strToU8(clusterText),
  ];
  let total = 0;
  for (const s of sections) total += 4 + s.length;
  const payload = new Uint8Array(total);
  const view = new DataView(payload.buffer);
  let o = 0;
  for (const s of sections) {
    view.setUint32(o, s.length, true);
    payload.set(s, o + 4);
    o += 4 + s.length;
  }
  return {
    format: FORMAT,
    labels: LABELS,
    features: parts.features.length,
    scale,
    lexiconCategories: LEXICON_CATEGORIES,
    data: toBase64(deflateSync(payload, { level: 9, mem: 12 })),
    ...(meta ? { meta } : {}),
  };
}

export function decodeModel(a: ModelArtifact): NerModel {
  if (a.format !== FORMAT) throw new Error(`unsupported entity model format ${a.format}`);
  if (a.labels.join() !== LABELS.join()) throw new Error('entity model labels do not match the decoder');
  if (a.lexiconCategories.join() !== LEXICON_CATEGORIES.join()) {
    throw new Error('entity model gazetteer categories do not match the feature extractor');
  }
  const payload = inflateSync(fromBase64(a.data));
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const sections: Uint8Array[] = [];
  for (let o = 0; o < payload.length; ) {
    const len = view.getUint32(o, true);
    sections.push(payload.subarray(o + 4, o + 4 + len));
    o += 4 + len;
  }
  const [ftext, wbytes, tbytes, lbytes, cbytes] = sections as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  const L = NUM_LABELS;
  const names = ftext.length ? strFromU8(ftext).split('\n') : [];
  const index = new Map<string, number>();
  for (let i = 0; i < names.length; i++) index.set(names[i]!, i);
  const weights = new Float32Array(names.length * L);
  let o = 0;
  for (let f = 0; f < names.length; f++) {
    const k = wbytes[o++]!;
    for (let n = 0; n < k; n++) {
      const j = wbytes[o]!;
      let q = wbytes[o + 1]! | (wbytes[o + 2]! << 8);
      if (q & 0x8000) q -= 0x10000;
      weights[f * L + j] = q * a.scale;
      o += 3;
    }
  }
  const transitions = new Float32Array(tbytes.slice().buffer);
  let lexicon: Lexicon | null = null;
  if (lbytes.length) {
    const phrases = new Map<string, number>();
    const prefixes = new Set<string>();
    let maxLength = 0;
    for (const line of strFromU8(lbytes).split('\n')) {
      const tab = line.indexOf('\t');
      const p = line.slice(0, tab);
      phrases.set(p, Number(line.slice(tab + 1)));
      const parts = p.split(' ');
      maxLength = Math.max(maxLength, parts.length);
      for (let k = 1; k < parts.length; k++) prefixes.add(parts.slice(0, k).join(' '));
    }
    lexicon = { phrases, prefixes, maxLength };
  }
  let clusters: Clusters | null = null;
  if (cbytes.length) {
    clusters = new Map();
    for (const line of strFromU8(cbytes).split('\n')) {
      const tab = line.indexOf('\t');
      clusters.set(line.slice(0, tab), line.slice(tab + 1).split(' '));
    }
  }
  return { index, weights, transitions, lexicon, clusters };
}

/** Builds a Lexicon from (phrase, category) pairs; phrases are lowercased and tokenised by spaces. */
export function buildLexicon(
  entries: Iterable<readonly [string, (typeof LEXICON_CATEGORIES)[number]]>,
): Lexicon {
  const phrases = new Map<string, number>();
  const prefixes = new Set<string>();
  let maxLength = 0;
  for (const [phrase, cat] of entries) {
    const p = phrase.toLowerCase().trim().split(/\s+/).join(' ');
    if (!p) continue;
    const bit = 1 << LEXICON_CATEGORIES.indexOf(cat);
    phrases.set(p, (phrases.get(p) ?? 0) | bit);
    const parts = p.split(' ');
    maxLength = Math.max(maxLength, parts.length);
    for (let k = 1; k < parts.length; k++) prefixes.add(parts.slice(0, k).join(' '));
  }
  return { phrases, prefixes, maxLength };
}
