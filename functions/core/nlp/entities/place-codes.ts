import type { EntityMention } from '../../types.ts';

type Named = Omit<EntityMention, 'canonical'>;

const CODE = /^, ([A-Z]{2}|[A-Z]\.[A-Z]\.)(?![\p{L}\p{N}])/u;

/**
 * A state or province code after a place and a comma (`Tallow, WX`, `Lakeport, N.M.`) is part of
 * the address, a LOCATION: a mention there typed otherwise becomes LOCATION, and a code the model
 * left out is added. Today's listings (tour dates, addresses) write state codes in capitals, which
 * 1996 wire text rarely does.
 */
export function placeCodes<T extends Named>(text: string, mentions: readonly T[]): (T | Named)[] {
  let out: (T | Named)[] | undefined;
  const byStart = new Map<number, number>();
  for (let i = 0; i < mentions.length; i++) byStart.set(mentions[i]!.start, i);
  for (const m of mentions) {
    if (m.type !== 'LOCATION') continue;
    const code = CODE.exec(text.slice(m.end, m.end + 7));
    if (!code) continue;
    const start = m.end + 2;
    const end = start + code[1]!.length;
    const at = byStart.get(start);
    out ??= mentions.slice();
    if (at === undefined) {
      if (mentions.some((o) => o.start < end && start < o.end)) continue;
      out.push({ type: 'LOCATION', start, end, text: text.slice(start, end) });
    } else if (mentions[at]!.end === end && mentions[at]!.type !== 'LOCATION') {
      out[at] = { ...mentions[at]!, type: 'LOCATION' };
    }
  }
  if (!out) return mentions.slice();
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}
