/**
 * Read on a title-cased headline, the model can run a name into the words after it ("Trevor Noah
 * Says", "Howard Dean Tells Democratic Convention", "Donald Trump Is Right"). Such a mention is cut
 * before a speech or stance verb or an auxiliary; failing that, when the article's body names both
 * a leading and a trailing part of it and never the whole, it is cut to those two names
 * ("Gold Star Mom Corners Obama" -> "Gold Star", "Obama").
 */
import { SPEECH_VERBS, STANCE_VERBS } from '../../lexicon/speech-verbs.ts';
import type { RawMention } from './group.ts';

/** Capitalised "-s" forms that end names ("United States", "New York Times"), not verbs. */
const NAME_FORMS = new Set([
  'states',
  'reports',
  'posts',
  'times',
  'calls',
  'notes',
  'points',
  'shows',
  'news',
  'claims',
]);

/** Auxiliaries, title-cased in headlines; never inside a name ("Will" and "May" are names). */
const AUXILIARIES = new Set(['Is', 'Are', 'Was', 'Were', 'Has', 'Have', 'Had', 'Does', 'Did']);

function headlineVerb(word: string): boolean {
  if (AUXILIARIES.has(word)) return true;
  if (!/^\p{Lu}\p{Ll}{2,}s$/u.test(word)) return false;
  const lower = word.toLowerCase();
  return !NAME_FORMS.has(lower) && (SPEECH_VERBS.has(lower) || STANCE_VERBS.has(lower));
}

/**
 * Is the line around offset `at` title-cased (most of its words capitalised), as headlines are?
 * `memo` keeps the answer per line (by its start) for the mentions of one text.
 */
function titleCasedLine(text: string, at: number, memo: Map<number, boolean>): boolean {
  // Bounded: a line longer than 300 characters is no headline, so neither scan goes further.
  let start = at;
  while (start > 0 && text[start - 1] !== '\n') if (at - --start > 300) return false;
  const known = memo.get(start);
  if (known !== undefined) return known;
  let end = at;
  while (end < text.length && text[end] !== '\n') if (++end - start > 300) return false;
  const words = text.slice(start, end).match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length > 3);
  const titled = long.length >= 3 && long.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.8 * long.length;
  memo.set(start, titled);
  return titled;
}

/** The mentions with headline run-ons cut out of them (title-cased lines only). Order is kept. */
export function cutAtHeadlineVerbs(text: string, mentions: readonly RawMention[]): RawMention[] {
  const out: RawMention[] = [];
  let body: Map<string, RawMention> | undefined;
  const lines = new Map<number, boolean>();
  for (const m of mentions) {
    if (!m.text.includes(' ') || !titleCasedLine(text, m.start, lines)) {
      out.push(m);
      continue;
    }
    const words = [...m.text.matchAll(/\S+/g)];
    const cut = words.findIndex((w, i) => i > 0 && headlineVerb(w[0]));
    if (cut >= 0) {
      const name = m.text.slice(0, words[cut]!.index).trimEnd();
      out.push({ ...m, text: name, end: m.start + name.length });
      continue;
    }
    body ??= bodyNames(text, mentions, lines);
    out.push(...bodyParts(m, words, body));
  }
  return out;
}

/** Mentions outside title-cased lines, by lowercased text (the first of each). */
function bodyNames(
  text: string,
  mentions: readonly RawMention[],
  lines: Map<number, boolean>,
): Map<string, RawMention> {
  const out = new Map<string, RawMention>();
  for (const m of mentions) {
    const k = m.text.toLowerCase();
    if (!out.has(k) && !titleCasedLine(text, m.start, lines)) out.set(k, m);
  }
  return out;
}

/** A headline mention of three or more words cut to the longest leading and trailing parts the body names, when it names both. */
function bodyParts(m: RawMention, words: RegExpMatchArray[], body: Map<string, RawMention>): RawMention[] {
  if (words.length < 3 || body.has(m.text.toLowerCase())) return [m];
  const part = (a: number, b: number): RawMention | null => {
    const start = m.start + words[a]!.index!;
    const end = m.start + words[b - 1]!.index! + words[b - 1]![0].length;
    const t = m.text.slice(start - m.start, end - m.start);
    const seen = body.get(t.toLowerCase());
    return seen ? { type: seen.type, start, end, text: t } : null;
  };
  let head: RawMention | null = null;
  let h = words.length - 1;
  for (; h >= 1 && !head; h--) head = part(0, h);
  let tail: RawMention | null = null;
  for (let t = 1; t < words.length && !tail; t++) if (!head || t > h + 1) tail = part(t, words.length);
  // Two names the body knows run together; one alone may be part of a longer name ("New York
  // Energy Desk").
  return head && tail ? [head, tail] : [m];
}
