import type { EntityMention } from '../../types.ts';

type Named = Omit<EntityMention, 'canonical'>;

/** An acronym the text defines in brackets right after a name: `Kestrel Orr Group (KOG)`, `( KOG )`. */
const DEFINITION = /^ ?\( ?([\p{Lu}][\p{Lu}\p{N}&]{1,7}) ?\)/u;

/** True when the acronym's first letter opens the name and its letters are initials of the name's words, in order. */
function spells(acronym: string, name: string): boolean {
  const initials = name
    .split(/[\s-]+/)
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();
  const letters = acronym.replace(/[^\p{Lu}]/gu, '');
  if (letters.length < 2 || letters[0] !== initials[0]) return false;
  let k = 0;
  for (const c of initials) if (k < letters.length && c === letters[k]) k++;
  return k === letters.length;
}

/**
 * An acronym the text defines is the name it stands for (`the Kestrel Orr Group (KOG) said … KOG
 * will`): when a named mention is followed by an acronym in brackets whose letters are the name's
 * initials in order, the acronym there and everywhere else in the text is a mention of the
 * name's type, whatever the model made of it (it types an unseen capitals word from its shape).
 */
export function definedAcronyms<T extends Named>(text: string, mentions: readonly T[]): (T | Named)[] {
  const types = new Map<string, Named['type']>();
  for (const m of mentions) {
    if (m.type !== 'PERSON' && m.type !== 'ORGANIZATION' && m.type !== 'LOCATION' && m.type !== 'MISC')
      continue;
    const def = DEFINITION.exec(text.slice(m.end, m.end + 14));
    if (!def || !spells(def[1]!, m.text)) continue;
    if (!types.has(def[1]!)) types.set(def[1]!, m.type);
  }
  if (types.size === 0) return mentions.slice();
  const out: (T | Named)[] = mentions.map((m) => {
    const t = types.get(m.text);
    return t && t !== m.type ? { ...m, type: t } : m;
  });
  for (const [acronym, type] of types) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${acronym.replace(/&/g, '\\&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + acronym.length;
      if (out.some((o) => o.start < end && start < o.end)) continue;
      out.push({ type, start, end, text: acronym });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
