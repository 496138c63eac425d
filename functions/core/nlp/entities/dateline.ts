import { nerModel } from '../../model/ner.ts';
import type { EntityMention } from '../../types.ts';
import { CASING_LOWER, type Casing, isCapitalsWord, lexiconCasing } from './truecase.ts';

type Named = Omit<EntityMention, 'canonical'>;

/**
 * A news dateline at the start of a line: a place in capitals, optionally a region after a comma
 * and a news agency in brackets, then a dash (`PORT VELL, N.M. (AP) — …`, `LAKEPORT —`,
 * `(Orr Wire) — …`). The place and the region are LOCATION and the agency ORGANIZATION, as
 * written (CoNLL-2003 keeps datelines in capitals); the 1996 wire text the model learned from
 * prints its datelines on a line of their own, so it reads one run into the story as a name.
 * A topic slug (`MARKETS - …`, `NOTE - …`) is no dateline: a place whose words running text writes
 * in lower case, no lower-case word in the six after the dash (a heading or a name, not a
 * sentence), or a second dash later on the line.
 */
const DATELINE =
  /^[ \t]*(?:([A-Z][A-Z.'’ -]*[A-Z.])(?:, ?([A-Z][\p{L}.]*(?: [A-Z][\p{L}.]*){0,3}))?)? ?(?:\(([A-Z][\p{L}.]*(?: [A-Z][\p{L}.]*){0,2})\))? ?(?:—|–|--|-) +/gmu;

interface Part {
  type: 'LOCATION' | 'ORGANIZATION';
  start: number;
  end: number;
}

function datelineParts(text: string, casing: Casing | null): { parts: Part[]; ends: number[] } {
  const parts: Part[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(DATELINE)) {
    const [, city, region, agency] = m;
    if (!city && !agency) continue;
    if (city && !city.split(' ').every((w) => isCapitalsWord(w) || /^[A-Z]\.$/.test(w))) continue;
    if (region && !city) continue;
    if (city?.split(/[ -]/).every((w) => lexiconCasing(casing, w) === CASING_LOWER)) continue;
    const at = m.index!;
    const lineEnd = text.indexOf('\n', at + m[0].length);
    const rest = text.slice(at + m[0].length, lineEnd < 0 ? text.length : lineEnd);
    const opening = rest.split(/\s+/, 6);
    if (!opening.some((w) => /^\p{Ll}/u.test(w)) || / (?:-|--|—|–) /u.test(rest)) continue;
    const found: Part[] = [];
    let from = at;
    for (const [type, s] of [
      ['LOCATION', city],
      ['LOCATION', region],
      ['ORGANIZATION', agency],
    ] as const) {
      if (!s) continue;
      const start = text.indexOf(s, from);
      found.push({ type, start, end: start + s.length });
      from = start + s.length;
    }
    parts.push(...found);
    ends.push(at + m[0].length);
  }
  return { parts, ends };
}

/**
 * Replaces the model's mentions on a dateline by the dateline's place, region and agency, and
 * drops a sentence-opening "The" from a name that starts the story right after it
 * (`BERLIN — The [Orr Space Agency] said`).
 */
export function readDatelines<T extends Named>(
  text: string,
  mentions: readonly T[],
  casing: Casing | null = nerModel().casing,
): (T | Named)[] {
  const { parts, ends } = datelineParts(text, casing);
  if (parts.length === 0) return mentions.slice();
  const out: (T | Named)[] = [];
  for (const m of mentions) {
    if (parts.some((p) => m.start < p.end && p.start < m.end)) continue;
    if (ends.includes(m.start) && /^The \p{Lu}/u.test(m.text)) {
      out.push({ ...m, start: m.start + 4, text: m.text.slice(4) });
      continue;
    }
    out.push(m);
  }
  for (const p of parts)
    out.push({ type: p.type, start: p.start, end: p.end, text: text.slice(p.start, p.end) });
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}
