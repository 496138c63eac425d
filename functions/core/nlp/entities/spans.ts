import type { EntityMention } from '../../types.ts';

type Named = Omit<EntityMention, 'canonical'>;

/** Lower-case particles inside people's names (`Jan van der Orr`, `Ada von Brisk`). */
const PARTICLES =
  /^(?:von|van|de|der|den|da|di|du|del|della|la|le|bin|ibn|al|el|ter|zu)(?: (?:der|den|de|la|le|zu))?$/;

/**
 * Person names with lower-case particles are one mention (`Fritz Ada von Brisk`, `von Brisk`):
 * a PERSON mention, the particles, and a PERSON mention right after them become one, and
 * particles right before a PERSON mention join it when the particle follows no name. The model
 * learned names from 1996 wire text, where particles seldom occur, and cuts them at the particle.
 */
export function joinParticles<T extends Named>(text: string, mentions: readonly T[]): (T | Named)[] {
  const out: (T | Named)[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const next = mentions[i + 1];
    if (m.type === 'PERSON' && next?.type === 'PERSON') {
      const gap = text.slice(m.end, next.start);
      const inner = gap.trim();
      if (gap === ` ${inner} ` && PARTICLES.test(inner)) {
        out.push({ ...m, end: next.end, text: text.slice(m.start, next.end) });
        i++;
        continue;
      }
    }
    if (m.type === 'PERSON') {
      const particle = particleBefore(text, m.start);
      const prev = out[out.length - 1];
      const joined = prev?.type === 'PERSON' && text.slice(prev.end, m.start).trim() === particle?.trim();
      if (particle && !joined) {
        const start = m.start - particle.length;
        out.push({ ...m, start, text: text.slice(start, m.end) });
        continue;
      }
    }
    out.push(m);
  }
  return out;
}

/** The particles right before `at` with their trailing space (`von `, `van der `), if any. */
function particleBefore(text: string, at: number): string | undefined {
  const words = /(?:^|[^\p{L}\p{N}])((?:\p{Ll}+ ){1,2})$/u.exec(text.slice(Math.max(0, at - 16), at))?.[1];
  if (!words) return undefined;
  const parts = words.trim().split(' ');
  for (let k = parts.length; k >= 1; k--) {
    const tail = parts.slice(parts.length - k).join(' ');
    if (PARTICLES.test(tail)) return `${tail} `;
  }
  return undefined;
}

/**
 * A capital "The" inside a sentence belongs to the name after it (`a show by The Kestrels`,
 * `Lakeport's The Orr Pavilion`): the name is spelled with it, as bands, papers and venues that
 * call themselves "The ..." are. Only after a lower-case word or a possessive, so a sentence's
 * first word and title-cased headlines keep their "The" outside.
 */
export function takeInnerThe<T extends Named>(text: string, mentions: readonly T[]): T[] {
  return mentions.map((m) => {
    if (m.type === 'MONEY' || m.type === 'PERCENT' || m.type === 'DATE') return m;
    if (m.start < 4 || text.slice(m.start - 4, m.start) !== 'The ') return m;
    const before = /(\S+) $/u.exec(text.slice(Math.max(0, m.start - 30), m.start - 4))?.[1];
    if (!before || !(/^\p{Ll}+$/u.test(before) || /^\p{Lu}\p{L}*[’']s$/u.test(before))) return m;
    return { ...m, start: m.start - 4, text: text.slice(m.start - 4, m.end) };
  });
}
