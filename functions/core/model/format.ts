/**
 * The compact, self-contained artifact format of the entity model: one JSON document holding the
 * feature hashes and sparse quantised weights, the transition scores, the gazetteer and the word
 * clusters (sorted hash tables), binary parts in base64. Loading is a few passes over typed arrays:
 * no decompression and no string hashing. Pure: encoding and decoding need no file system, so the
 * bundler can inline the artifact into the function.
 */
import {
  buildHashIndex,
  type Clusters,
  LEXICON_CATEGORIES,
  LEXICON_PREFIX,
  type Lexicon,
  phraseHash,
} from '../nlp/entities/features.ts';
import { LABELS, type NerModel, NUM_LABELS } from '../nlp/entities/model.ts';
import type { Casing } from '../nlp/entities/truecase.ts';

export const FORMAT = 'news-ingest-ner/4';

export interface ModelArtifact {
  readonly format: string;
  readonly labels: readonly string[];
  readonly lexiconCategories: readonly string[];
  readonly scale: number;
  /** Int32 feature hashes (base64, little-endian); row i of the weights belongs to hash i. */
  readonly features: string;
  /** Per feature: a count byte, then (label byte, int16 LE) per non-zero weight. Base64. */
  readonly weights: string;
  readonly transitions: readonly number[];
  /** Sorted Int32 phrase hashes and one Uint16 category mask each, little-endian (base64). */
  readonly lexicon: { readonly keys: string; readonly values: string; readonly maxLength: number };
  /** Sorted Int32 word hashes and `levels` Uint16 cluster ids each (base64). */
  readonly clusters: { readonly keys: string; readonly ids: string; readonly levels: number };
  /** Sorted Int32 hashes of lowercased words and one casing byte each (base64); absent: none. */
  readonly casing?: { readonly keys: string; readonly values: string };
  readonly meta?: Record<string, string | number>;
}

export interface ModelParts {
  readonly features: Int32Array;
  /** Dense weights, features x NUM_LABELS. */
  readonly weights: ArrayLike<number>;
  readonly transitions: ArrayLike<number>;
  readonly lexicon: Lexicon | null;
  readonly clusters: Clusters | null;
  readonly casing?: Casing | null;
}

type BufferLike = {
  from(b: Uint8Array | string, e?: string): Uint8Array & { toString(e: string): string };
};

function toBase64(bytes: Uint8Array): string {
  const B = (globalThis as { Buffer?: BufferLike }).Buffer;
  if (B) return B.from(bytes).toString('base64');
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(s: string): Uint8Array {
  const B = (globalThis as { Buffer?: BufferLike }).Buffer;
  const bytes = B ? B.from(s, 'base64') : Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  // Copy to an aligned buffer of its own so typed views can be taken on it.
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

const le32 = (a: Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const i32 = (b: Uint8Array) => new Int32Array(b.buffer, b.byteOffset, b.byteLength >> 2);

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
  const lex = parts.lexicon;
  const cl = parts.clusters;
  const levels = cl?.levels ?? 0;
  const ids = cl ? Uint16Array.from(cl.ids) : new Uint16Array(0);
  return {
    format: FORMAT,
    labels: LABELS,
    lexiconCategories: LEXICON_CATEGORIES,
    scale,
    features: toBase64(le32(Int32Array.from(parts.features))),
    weights: toBase64(Uint8Array.from(wbytes)),
    transitions: Array.from(parts.transitions, (x) => Math.fround(x)),
    lexicon: {
      keys: lex ? toBase64(le32(lex.keys)) : '',
      values: lex
        ? toBase64(new Uint8Array(lex.values.buffer, lex.values.byteOffset, lex.values.byteLength))
        : '',
      maxLength: lex?.maxLength ?? 0,
    },
    clusters: {
      keys: cl ? toBase64(le32(cl.keys)) : '',
      ids: toBase64(new Uint8Array(ids.buffer)),
      levels,
    },
    ...(parts.casing
      ? { casing: { keys: toBase64(le32(parts.casing.keys)), values: toBase64(parts.casing.values) } }
      : {}),
    ...(meta ? { meta } : {}),
  };
}

/** The binary parts of an artifact, by name (the base64 fields of the JSON form). */
type PartName =
  | 'features'
  | 'weights'
  | 'lexiconKeys'
  | 'lexiconValues'
  | 'clusterKeys'
  | 'clusterIds'
  | 'casingKeys'
  | 'casingValues'
  | 'denseWeights'
  | 'indexSlots';

/** The artifact without its binary parts: the header of the binary form. */
interface BinaryHeader {
  readonly format: string;
  readonly labels: readonly string[];
  readonly lexiconCategories: readonly string[];
  readonly scale: number;
  readonly transitions: readonly number[];
  readonly lexiconMaxLength: number;
  readonly clusterLevels: number;
  /** The mask of the prebuilt hash index (its slots are the part `indexSlots`). */
  readonly indexMask?: number;
  readonly meta?: Record<string, string | number>;
  /** Byte offset (from the start of the file) and length of each part; offsets are multiples of 4. */
  readonly parts: Partial<Record<PartName, readonly [number, number]>>;
}

/** First bytes of the binary form: `NERB`. */
const MAGIC = [0x4e, 0x45, 0x52, 0x42];

/**
 * The binary form of an artifact (what ships next to the function bundle): `NERB`, the byte length
 * of a JSON header (uint32 little-endian), the header, then each binary part at an offset that is a
 * multiple of 4, so the decoder takes typed-array views on the bytes instead of decoding base64 or
 * parsing a large JSON or JavaScript literal. Same content as the JSON form. The weights are stored
 * dense (Int16, features x labels) and the feature hash index prebuilt (its slots), as the decoder
 * holds them in memory: loading is then views on the file's bytes, no loop over the weights and
 * no index to build at a cold start, at the price of a larger file (zeros, which zip well).
 */
export function artifactToBinary(a: ModelArtifact): Uint8Array {
  const decoded = decodeModel(a);
  const dense = decoded.weights;
  const slots = decoded.index.slots;
  const raw: [PartName, string | undefined][] = [
    ['features', a.features],
    ['lexiconKeys', a.lexicon.keys],
    ['lexiconValues', a.lexicon.values],
    ['clusterKeys', a.clusters.keys],
    ['clusterIds', a.clusters.ids],
    ['casingKeys', a.casing?.keys],
    ['casingValues', a.casing?.values],
  ];
  const bytes: (readonly [PartName, Uint8Array])[] = raw
    .filter(([, v]) => v)
    .map(([name, v]) => [name, fromBase64(v as string)] as const);
  bytes.push(['denseWeights', new Uint8Array(dense.buffer, dense.byteOffset, dense.byteLength)]);
  bytes.push(['indexSlots', new Uint8Array(slots.buffer, slots.byteOffset, slots.byteLength)]);
  const align = (n: number) => (n + 3) & ~3;
  const build = (start: number) => {
    const parts: Partial<Record<PartName, readonly [number, number]>> = {};
    let at = start;
    for (const [name, b] of bytes) {
      parts[name] = [at, b.length];
      at = align(at + b.length);
    }
    const header: BinaryHeader = {
      format: a.format,
      labels: a.labels,
      lexiconCategories: a.lexiconCategories,
      scale: a.scale,
      transitions: a.transitions,
      lexiconMaxLength: a.lexicon.maxLength,
      clusterLevels: a.clusters.levels,
      indexMask: decoded.index.mask,
      ...(a.meta ? { meta: a.meta } : {}),
      parts,
    };
    return { header: new TextEncoder().encode(JSON.stringify(header)), parts, end: at };
  };
  // the parts' offsets depend on the header's length, which depends on the offsets' digits
  let start = 0;
  let built = build(start);
  while (align(8 + built.header.length) !== start) {
    start = align(8 + built.header.length);
    built = build(start);
  }
  const out = new Uint8Array(built.end);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, built.header.length, true);
  out.set(built.header, 8);
  for (const [name, b] of bytes) out.set(b, built.parts[name]![0]);
  return out;
}

/** Whether `bytes` hold the binary form of an artifact. */
export function isBinaryArtifact(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && MAGIC.every((m, i) => bytes[i] === m);
}

/** Decodes the binary form (see artifactToBinary): views on `bytes`, which must stay unchanged. */
export function decodeModelBinary(bytes: Uint8Array): NerModel {
  if (!isBinaryArtifact(bytes)) throw new Error('not a binary entity model');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  const h = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as BinaryHeader;
  // typed views need aligned offsets: copy once when the buffer itself is not aligned
  const base = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const part = (name: PartName): Uint8Array | null => {
    const at = h.parts[name];
    return at ? base.subarray(at[0], at[0] + at[1]) : null;
  };
  return decodeParts(h, h.lexiconMaxLength, h.clusterLevels, part, h.indexMask);
}

/** Decodes the JSON form. */
export function decodeModel(a: ModelArtifact): NerModel {
  const b64: Partial<Record<PartName, string>> = {
    features: a.features,
    weights: a.weights,
    lexiconKeys: a.lexicon.keys,
    lexiconValues: a.lexicon.values,
    clusterKeys: a.clusters.keys,
    clusterIds: a.clusters.ids,
    casingKeys: a.casing?.keys,
    casingValues: a.casing?.values,
  };
  return decodeParts(a, a.lexicon.maxLength, a.clusters.levels, (name) =>
    b64[name] ? fromBase64(b64[name]) : null,
  );
}

function decodeParts(
  a: Pick<ModelArtifact, 'format' | 'labels' | 'lexiconCategories' | 'scale' | 'transitions'>,
  lexiconMaxLength: number,
  clusterLevels: number,
  part: (name: PartName) => Uint8Array | null,
  indexMask?: number,
): NerModel {
  if (a.format !== FORMAT) throw new Error(`unsupported entity model format ${a.format}`);
  if (a.labels.join() !== LABELS.join()) throw new Error('entity model labels do not match the decoder');
  if (a.lexiconCategories.join() !== LEXICON_CATEGORIES.join()) {
    throw new Error('entity model gazetteer categories do not match the feature extractor');
  }
  const L = NUM_LABELS;
  const hashes = i32(part('features') ?? new Uint8Array(0));
  const slotBytes = part('indexSlots');
  const index =
    slotBytes && indexMask !== undefined
      ? { mask: indexMask, slots: i32(slotBytes) }
      : buildHashIndex(hashes);
  const denseBytes = part('denseWeights');
  let weights: Int16Array;
  if (denseBytes) {
    weights = new Int16Array(denseBytes.buffer, denseBytes.byteOffset, denseBytes.byteLength >> 1);
  } else {
    const wbytes = part('weights') ?? new Uint8Array(0);
    weights = new Int16Array(hashes.length * L);
    let o = 0;
    for (let f = 0; f < hashes.length; f++) {
      const k = wbytes[o++]!;
      for (let n = 0; n < k; n++) {
        const j = wbytes[o]!;
        let q = wbytes[o + 1]! | (wbytes[o + 2]! << 8);
        if (q & 0x8000) q -= 0x10000;
        weights[f * L + j] = q;
        o += 3;
      }
    }
  }
  if (weights.length !== hashes.length * L) throw new Error('entity model weights do not match its features');
  const transitions = Float32Array.from(a.transitions);
  let lexicon: Lexicon | null = null;
  const lexKeys = part('lexiconKeys');
  if (lexKeys) {
    const vbytes = part('lexiconValues') ?? new Uint8Array(0);
    lexicon = {
      keys: i32(lexKeys),
      values: new Uint16Array(vbytes.buffer, vbytes.byteOffset, vbytes.byteLength >> 1),
      maxLength: lexiconMaxLength,
    };
  }
  let clusters: Clusters | null = null;
  const clusterKeys = part('clusterKeys');
  if (clusterKeys && clusterLevels > 0) {
    const idBytes = part('clusterIds') ?? new Uint8Array(0);
    const ids = new Uint16Array(idBytes.buffer, idBytes.byteOffset, idBytes.byteLength >> 1);
    clusters = { keys: i32(clusterKeys), ids, levels: clusterLevels };
  }
  const casingKeys = part('casingKeys');
  const casing: Casing | null = casingKeys
    ? { keys: i32(casingKeys), values: part('casingValues') ?? new Uint8Array(0) }
    : null;
  return { index, weights, scale: a.scale, transitions, lexicon, clusters, casing };
}

/** Builds a Lexicon from (tokenised phrase, category) pairs; tokens are lowercased. */
export function buildLexicon(
  entries: Iterable<readonly [readonly string[], (typeof LEXICON_CATEGORIES)[number]]>,
): Lexicon {
  const map = new Map<number, number>();
  let maxLength = 0;
  for (const [tokens, cat] of entries) {
    const parts = tokens.map((t) => t.toLowerCase()).filter((t) => t.length > 0);
    if (parts.length === 0) continue;
    const bit = 1 << LEXICON_CATEGORIES.indexOf(cat);
    const h = phraseHash(parts);
    map.set(h, (map.get(h) ?? 0) | bit);
    maxLength = Math.max(maxLength, parts.length);
    for (let k = 1; k < parts.length; k++) {
      const q = phraseHash(parts.slice(0, k));
      map.set(q, (map.get(q) ?? 0) | LEXICON_PREFIX);
    }
  }
  const keys = Int32Array.from(map.keys()).sort();
  return { keys, values: Uint16Array.from(keys, (k) => map.get(k)!), maxLength };
}

/** Builds a cluster table from word -> ids (coarse to fine, the same number of levels for all). */
export function buildClusters(words: Map<string, readonly number[]>, hash: (w: string) => number): Clusters {
  const byHash = new Map<number, readonly number[]>();
  for (const [w, ids] of words) if (!byHash.has(hash(w))) byHash.set(hash(w), ids);
  const keys = Int32Array.from(byHash.keys()).sort();
  const levels = keys.length ? byHash.get(keys[0]!)!.length : 0;
  const ids = new Uint16Array(keys.length * levels);
  keys.forEach((k, i) => {
    const v = byHash.get(k)!;
    for (let l = 0; l < levels; l++) ids[i * levels + l] = v[l]!;
  });
  return { keys, ids, levels };
}
