/**
 * Step 5b: a learned choice of speaker for quotations with no cue of their own. The rules above
 * propose a speaker (a neighbour's, a sentence subject's) or none; this step lists every person or
 * organisation the quotation's neighbourhood offers — names and pronouns in its sentence and the
 * two before it, the previous and next quotations' speakers, the rules' pick — plus "nobody", and
 * scores each with a linear model trained on PolNeAR train (scripts/train-speakers.ts). "Nobody"
 * wins when no candidate is likely enough: a quotation is never credited by guesswork.
 * Bounded work per quotation (a window of a few sentences), so linear in the text.
 */

import { SPEECH_VERBS, STANCE_VERBS } from '../../lexicon/speech-verbs.ts';
import { type Ctx, tokenAt } from './context.ts';
import type { Discourse, Resolved } from './resolve.ts';
import { resolveNp } from './resolve.ts';

/** How the rules reached a quotation's speaker. */
export type How = 'cue' | 'continued' | 'subject' | 'none';

export interface RankItem {
  readonly start: number;
  readonly end: number;
  readonly speaker: Resolved | null;
  readonly how: How;
}

export interface Candidate {
  /** null: nobody. */
  readonly speaker: Resolved | null;
  readonly features: readonly string[];
}

export interface SpeakerModel {
  readonly format: string;
  readonly weights: Readonly<Record<string, number>>;
}

export const SPEAKER_MODEL_FORMAT = 'news-ingest-speakers/1';

const PREPOSITIONS = new Set(
  'at in on to for from with by of during after before about into near under over through since via among across toward towards against without within like than as between including'.split(
    ' ',
  ),
);
const CANDIDATE_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'who']);
const WINDOW_TOKENS = 160;

interface Group {
  speaker: Resolved;
  /** Token of the nearest occurrence before the quotation (-1: none) and after it (-1: none). */
  before: number;
  beforeEnd: number;
  after: number;
  count: number;
  pronoun: boolean;
  prev: boolean;
  next: boolean;
  rule: boolean;
  subject: boolean;
}

function bucket(n: number, edges: readonly number[]): string {
  for (const e of edges) if (n <= e) return `${e}`;
  return `${edges[edges.length - 1]}+`;
}

/** The candidates for item i (which has no cue). Pure; bounded by WINDOW_TOKENS. */
export function speakerCandidates(
  ctx: Ctx,
  d: Discourse,
  items: readonly RankItem[],
  i: number,
): Candidate[] {
  const { toks } = ctx;
  const item = items[i]!;
  const open = tokenAt(ctx, item.start);
  const close = Math.min(tokenAt(ctx, item.end), toks.length);
  if (open >= toks.length) return [{ speaker: null, features: ['null'] }];
  const sent = ctx.sentOf[open]!;
  const para = toks[open]!.para;
  const lastSent = ctx.sentOf[Math.max(open, close - 1)]!;
  let from = ctx.sentStart[Math.max(0, sent - 2)]!;
  from = Math.max(from, open - WINDOW_TOKENS);
  while (from < open && toks[from]!.para < para - 1) from++;
  const to = Math.min(ctx.sentStart[lastSent + 1]!, close + 40);
  const groups = new Map<string, Group>();
  const add = (sp: Resolved, tok: number, end: number, pronoun: boolean): Group => {
    let g = groups.get(sp.name);
    if (!g) {
      g = {
        speaker: sp,
        before: -1,
        beforeEnd: -1,
        after: -1,
        count: 0,
        pronoun: false,
        prev: false,
        next: false,
        rule: false,
        subject: false,
      };
      groups.set(sp.name, g);
    }
    if (tok >= 0) {
      g.count++;
      if (tok < open && tok > g.before) {
        g.before = tok;
        g.beforeEnd = end;
        g.speaker = sp;
        g.pronoun = pronoun;
      } else if (tok >= close && g.after < 0) {
        g.after = tok;
        if (g.before < 0) {
          g.speaker = sp;
          g.pronoun = pronoun;
        }
      }
    }
    return g;
  };
  let subjectSeen = -1;
  for (let k = from; k < to; k++) {
    if (ctx.quoteOf[k] !== -1) continue;
    const t = toks[k]!;
    const mi = ctx.mentionOf[k]!;
    let e = k + 1;
    let pronoun = false;
    if (mi >= 0) {
      const m = ctx.mentions[mi]!;
      while (e < to && ctx.mentionOf[e] === mi) e++;
      if (!(m.type === 'PERSON' || m.type === 'ORGANIZATION' || d.isPersonIndex(mi))) {
        k = e - 1;
        continue;
      }
    } else if (CANDIDATE_PRONOUNS.has(t.lower)) {
      pronoun = true;
    } else continue;
    const sp = resolveNp(ctx, d, { a: k, b: e });
    if (sp) {
      const g = add(sp, k, e, pronoun);
      if (subjectSeen !== ctx.sentOf[k]) {
        const prev = toks[k - 1];
        if (!prev || ctx.sentOf[k - 1] !== ctx.sentOf[k] || !PREPOSITIONS.has(prev.lower)) {
          if (k < open) g.subject = g.subject || g.before === k;
          subjectSeen = ctx.sentOf[k]!;
        }
      }
    }
    k = e - 1;
  }
  const prevItem = items[i - 1];
  let prevRel = '';
  if (prevItem?.speaker) {
    add(prevItem.speaker, -1, -1, false).prev = true;
    const pe = Math.max(0, tokenAt(ctx, prevItem.end) - 1);
    prevRel =
      ctx.sentOf[pe] === sent
        ? 'sameSent'
        : toks[pe]!.para === para
          ? 'samePara'
          : toks[pe]!.para === para - 1
            ? 'prevPara'
            : 'far';
    prevRel += `|${prevItem.how}`;
  }
  const nextItem = items[i + 1];
  let nextRel = '';
  if (nextItem?.speaker && nextItem.how === 'cue') {
    add(nextItem.speaker, -1, -1, false).next = true;
    const ns = tokenAt(ctx, nextItem.start);
    nextRel = ns < toks.length && ctx.sentOf[ns] === lastSent ? 'sameSent' : 'later';
  }
  if (item.speaker) add(item.speaker, -1, -1, false).rule = true;
  const salience = documentCounts(ctx, d);

  // Quotation context, shared by every candidate.
  const partial = ctx.sentStart[sent] !== open;
  const opensPara = ctx.paras[toks[open]!.para]!.start === item.start;
  const words = item.end - item.start < 25 ? 'short' : item.end - item.start < 120 ? 'mid' : 'long';
  const q = [
    `qp=${partial ? 'partial' : 'full'}`,
    `qpara=${opensPara ? 'opens' : 'inside'}`,
    `qlen=${words}`,
  ];
  const how = `how=${item.how}`;

  const inner = ctx.text.slice(Math.max(item.start, item.end - 3), item.end);
  const qEnd = /[.!?]/.test(inner) ? 'sentence' : /,/.test(inner) ? 'comma' : 'bare';
  const out: Candidate[] = [];
  for (const g of groups.values()) {
    const f: string[] = ['bias'];
    let pos: string;
    let tok = -1;
    if (g.before >= 0) {
      tok = g.before;
      const s = ctx.sentOf[g.before]!;
      pos =
        s === sent ? 'before' : toks[g.before]!.para !== para ? 'prevPara' : `back${Math.min(sent - s, 2)}`;
      f.push(`dist=${bucket(open - g.beforeEnd, [1, 3, 6, 12, 25])}`);
    } else if (g.after >= 0) {
      tok = g.after;
      pos = ctx.sentOf[g.after] === lastSent ? 'after' : 'afterNext';
      f.push(`dist=a${bucket(g.after - close, [1, 3, 6, 12])}`);
    } else pos = 'none';
    f.push(`pos=${pos}`);
    for (const x of q) f.push(`pos=${pos}|${x}`);
    f.push(`type=${g.speaker.type ?? 'desc'}`);
    f.push(`count=${bucket(g.count, [1, 2, 4])}`);
    if (g.pronoun) f.push('pron', `pron|pos=${pos}`);
    if (g.subject) f.push('subject', `subject|${q[0]}`);
    f.push(`type=${g.speaker.type ?? 'desc'}|pos=${pos}`);
    if (g.prev) f.push('prev', `prev|${q[1]}`, `prev|${q[0]}`, `prev|pos=${pos}`, `prev|${prevRel}`);
    if (g.next) f.push('next', `next|${q[0]}`, `next|${nextRel}`);
    f.push(`doc=${bucket(salience.get(g.speaker.name) ?? 0, [1, 2, 4, 8])}`);
    if (g.subject) f.push(`subject|pos=${pos}`);
    if (g.rule) f.push('rule', `rule|${how}`, `rule|${how}|${q[0]}`);
    if (tok >= 0) {
      const prev = toks[tok - 1];
      if (prev && PREPOSITIONS.has(prev.lower)) f.push('prep');
      const last = toks[tok]!;
      if (/['’]s$/.test(last.text)) f.push('poss');
      let e = tok + 1;
      const mi = ctx.mentionOf[tok]!;
      while (mi >= 0 && e < toks.length && ctx.mentionOf[e] === mi) e++;
      const next = toks[e];
      if (next?.word && !next.cap) {
        if (SPEECH_VERBS.has(next.lower)) f.push('nextSpeech', `nextSpeech|pos=${pos}`);
        else if (STANCE_VERBS.has(next.lower)) f.push('nextStance', `nextStance|pos=${pos}`);
        else if (/^[a-z]+(ed|s)$/.test(next.lower)) f.push('nextVerbish', `nextVerbish|pos=${pos}`);
      } else if (next?.text === ',') f.push('nextComma');
    }
    if (d.lastSpeakers.some((s) => s.name === g.speaker.name)) f.push('spoke');
    out.push({ speaker: g.speaker, features: f });
  }
  const n = out.length;
  out.push({
    speaker: null,
    features: [
      'null',
      `null|${how}`,
      `null|${q[0]}`,
      `null|${q[2]}`,
      `null|n=${bucket(n, [0, 1, 3, 6])}`,
      `null|end=${qEnd}`,
      `null|${q[1]}`,
    ],
  });
  return out;
}

const counts = new WeakMap<Ctx, Map<string, number>>();

/** Mentions per canonical name in the whole document (salience), computed once per document. */
function documentCounts(ctx: Ctx, d: Discourse): Map<string, number> {
  let m = counts.get(ctx);
  if (m) return m;
  m = new Map();
  ctx.mentions.forEach((x, i) => {
    if (x.type !== 'PERSON' && x.type !== 'ORGANIZATION' && !d.isPersonIndex(i)) return;
    const name = d.canonical(x);
    m!.set(name, (m!.get(name) ?? 0) + 1);
  });
  counts.set(ctx, m);
  return m;
}

function score(model: SpeakerModel, c: Candidate): number {
  let s = 0;
  for (const f of c.features) s += model.weights[f] ?? 0;
  return s;
}

/** The best candidate (first on ties, "nobody" last). */
export function chooseSpeaker(model: SpeakerModel, cands: readonly Candidate[]): Candidate {
  let best = cands[cands.length - 1]!;
  let top = score(model, best);
  for (let k = 0; k < cands.length - 1; k++) {
    const s = score(model, cands[k]!);
    if (s > top) {
      top = s;
      best = cands[k]!;
    }
  }
  return best;
}
