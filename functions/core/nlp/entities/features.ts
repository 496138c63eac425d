/**
 * Feature extraction for the entity model, shared by training and run time so both see exactly the
 * same features. Features are strings; the model maps the ones it knows to weight rows.
 */

/** Gazetteer categories (bit positions in a phrase's category mask). */
export const LEXICON_CATEGORIES = ['country', 'region', 'city', 'demonym', 'name', 'org'] as const;

export interface Lexicon {
  /** Lowercased phrase (tokens joined by one space) -> bitmask of LEXICON_CATEGORIES. */
  readonly phrases: Map<string, number>;
  /** Every proper prefix of a phrase, so matching stops early. */
  readonly prefixes: Set<string>;
  readonly maxLength: number;
}

/** Word -> cluster path prefixes (coarse to fine), learned from unlabelled text. */
export type Clusters = Map<string, readonly string[]>;

export interface FeatureContext {
  readonly lexicon: Lexicon | null;
  readonly clusters: Clusters | null;
}

export interface SentenceRange {
  readonly first: number;
  readonly last: number;
}

export function shape(w: string): string {
  let out = '';
  let prev = '';
  let run = 0;
  for (const ch of w) {
    let c: string;
    if (/\p{Lu}/u.test(ch)) c = 'X';
    else if (/\p{Ll}/u.test(ch)) c = 'x';
    else if (/\p{N}/u.test(ch)) c = 'd';
    else c = ch;
    if (c === prev) {
      run++;
      if (run > 2) continue;
    } else {
      run = 1;
      prev = c;
    }
    out += c;
  }
  return out;
}

function shortShape(sh: string): string {
  let out = '';
  for (const c of sh) if (out[out.length - 1] !== c) out += c;
  return out;
}

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
const isAllCaps = (w: string) => /\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w);
const isLowerWord = (w: string) => /^\p{Ll}+$/u.test(w);
const hasLetter = (w: string) => /\p{L}/u.test(w);

/** A headline-like sentence: most of its words are written in capitals. */
function isHeadline(norms: readonly string[], s: SentenceRange): boolean {
  let letters = 0;
  let caps = 0;
  for (let i = s.first; i < s.last; i++) {
    const w = norms[i]!;
    if (!hasLetter(w)) continue;
    letters++;
    if (isAllCaps(w)) caps++;
  }
  return letters >= 2 && caps / letters > 0.6;
}

/** Features of every token of a document. */
export function documentFeatures(
  norms: readonly string[],
  sentences: readonly SentenceRange[],
  ctx: FeatureContext,
): string[][] {
  const n = norms.length;
  const lower = norms.map((w) => w.toLowerCase());
  const shapes = norms.map(shape);
  const headline = new Uint8Array(n);
  const initial = new Uint8Array(n);
  for (const s of sentences) {
    const h = isHeadline(norms, s) ? 1 : 0;
    for (let i = s.first; i < s.last; i++) headline[i] = h;
    // Sentence-initial: first token, skipping opening quotes and brackets.
    let k = s.first;
    while (k < s.last && /^["'([-]/.test(norms[k]!) && !hasLetter(norms[k]!)) k++;
    if (k < s.last) initial[k] = 1;
  }
  // Document-level evidence about each lowercased word.
  const seenLower = new Set<string>();
  const seenCapMid = new Set<string>();
  const seenAfterCap = new Set<string>();
  const seenBeforeCap = new Set<string>();
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      if (headline[i]) continue;
      const w = norms[i]!;
      if (isLowerWord(w)) seenLower.add(lower[i]!);
      else if (isCapitalised(w) && !initial[i]) {
        seenCapMid.add(lower[i]!);
        if (i > s.first && isCapitalised(norms[i - 1]!) && hasLetter(norms[i - 1]!))
          seenAfterCap.add(lower[i]!);
        if (i + 1 < s.last && isCapitalised(norms[i + 1]!)) seenBeforeCap.add(lower[i]!);
      }
    }
  }
  // Gazetteer matches: per token, the categories and positions of every phrase covering it.
  const gaz: string[][] = Array.from({ length: n }, () => []);
  const lex = ctx.lexicon;
  if (lex) {
    for (const s of sentences) {
      for (let i = s.first; i < s.last; i++) {
        if (!hasLetter(norms[i]!)) continue;
        let phrase = '';
        for (let j = i; j < s.last && j - i < lex.maxLength; j++) {
          phrase = j === i ? lower[j]! : phrase + ' ' + lower[j]!;
          const mask = lex.phrases.get(phrase);
          if (mask !== undefined) {
            const len = j - i + 1;
            for (let c = 0; c < LEXICON_CATEGORIES.length; c++) {
              if (!(mask & (1 << c))) continue;
              const cat = LEXICON_CATEGORIES[c]!;
              if (len === 1) gaz[i]!.push(`g:${cat}:U`);
              else {
                gaz[i]!.push(`g:${cat}:B`);
                for (let k = i + 1; k < j; k++) gaz[k]!.push(`g:${cat}:I`);
                gaz[j]!.push(`g:${cat}:L`);
              }
            }
          }
          if (!lex.prefixes.has(phrase)) break;
        }
      }
    }
  }
  const clusters = ctx.clusters;
  const out: string[][] = new Array(n);
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      const w = norms[i]!;
      const lw = lower[i]!;
      const sh = shapes[i]!;
      const at = (k: number) => (k >= s.first && k < s.last ? lower[k]! : k < s.first ? '<s>' : '</s>');
      const shAt = (k: number) => (k >= s.first && k < s.last ? shapes[k]! : k < s.first ? '<s>' : '</s>');
      const p1 = at(i - 1);
      const p2 = at(i - 2);
      const n1 = at(i + 1);
      const n2 = at(i + 2);
      const sp1 = shAt(i - 1);
      const sn1 = shAt(i + 1);
      const ssh = shortShape(sh);
      const h = headline[i] ? 'H' : '';
      const f: string[] = [
        'b',
        'w=' + w,
        'l=' + lw,
        'sh=' + sh,
        'ss=' + ssh + h,
        'p1=' + p1,
        'p2=' + p2,
        'n1=' + n1,
        'n2=' + n2,
        'sp1=' + sp1,
        'sn1=' + sn1,
        'b-=' + p1 + '|' + lw,
        'b+=' + lw + '|' + n1,
        'pw=' + p1 + '|' + sh,
        'nw=' + sh + '|' + n1,
        'ssh3=' + shortShape(sp1) + '|' + ssh + '|' + shortShape(sn1),
      ];
      const len = lw.length;
      for (let k = 1; k <= 4 && k <= len; k++) {
        f.push(`pre${k}=${lw.slice(0, k)}`);
        f.push(`suf${k}=${lw.slice(len - k)}`);
      }
      if (initial[i]) f.push('init=' + ssh);
      if (h) f.push('head=' + ssh);
      if (hasLetter(w)) {
        const cap = isCapitalised(w) ? 'C' : 'c';
        const doc =
          (seenLower.has(lw) ? 'l' : '-') +
          (seenCapMid.has(lw) ? 'c' : '-') +
          (seenAfterCap.has(lw) ? 'a' : '-') +
          (seenBeforeCap.has(lw) ? 'b' : '-');
        f.push('doc=' + cap + doc);
        f.push('docx=' + cap + doc + (initial[i] ? 'I' : '') + h);
      }
      for (const g of gaz[i]!) f.push(g);
      if (i > s.first) for (const g of gaz[i - 1]!) f.push('-' + g);
      if (i + 1 < s.last) for (const g of gaz[i + 1]!) f.push('+' + g);
      if (clusters) {
        const c0 = clusters.get(w) ?? clusters.get(lw);
        if (c0) for (let k = 0; k < c0.length; k++) f.push(`c${k}=${c0[k]}`);
        const cp = i > s.first ? (clusters.get(norms[i - 1]!) ?? clusters.get(lower[i - 1]!)) : undefined;
        if (cp) for (let k = 0; k < cp.length; k++) f.push(`pc${k}=${cp[k]}`);
        const cn = i + 1 < s.last ? (clusters.get(norms[i + 1]!) ?? clusters.get(lower[i + 1]!)) : undefined;
        if (cn) for (let k = 0; k < cn.length; k++) f.push(`nc${k}=${cn[k]}`);
      }
      out[i] = f;
    }
  }
  return out;
}
