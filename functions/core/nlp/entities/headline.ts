/**
 * Read on a title-cased headline, the model can run a name into the verb after it ("Trevor Noah
 * Says", "Howard Dean Tells Democratic Convention"): such a mention is cut before the verb.
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

function headlineVerb(word: string): boolean {
  if (!/^\p{Lu}\p{Ll}{2,}s$/u.test(word)) return false;
  const lower = word.toLowerCase();
  return !NAME_FORMS.has(lower) && (SPEECH_VERBS.has(lower) || STANCE_VERBS.has(lower));
}

/** Is the line around offset `at` title-cased (most of its words capitalised), as headlines are? */
function titleCasedLine(text: string, at: number): boolean {
  const start = text.lastIndexOf('\n', at) + 1;
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  if (end - start > 300) return false;
  const words = text.slice(start, end).match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length > 3);
  return long.length >= 3 && long.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.8 * long.length;
}

/** The mentions with any headline verb cut out of them (title-cased lines only). Order is kept. */
export function cutAtHeadlineVerbs(text: string, mentions: readonly RawMention[]): RawMention[] {
  const out: RawMention[] = [];
  for (const m of mentions) {
    // Cheap test first: a later word ending in "s" (every headline verb form does).
    if (!m.text.includes(' ') || (!m.text.includes('s ') && !m.text.endsWith('s'))) {
      out.push(m);
      continue;
    }
    const words = [...m.text.matchAll(/\S+/g)];
    const cut = words.findIndex((w, i) => i > 0 && headlineVerb(w[0]));
    if (cut < 0 || !titleCasedLine(text, m.start)) {
      out.push(m);
      continue;
    }
    const name = m.text.slice(0, words[cut]!.index).trimEnd();
    out.push({ ...m, text: name, end: m.start + name.length });
  }
  return out;
}
