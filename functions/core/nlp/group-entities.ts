import type { Entity, EntityMention } from '../types.ts';

/**
 * Collects mentions into their canonical entities (same canonical name and type), in order of
 * first mention. Mention spans are kept in text order.
 */
export function groupEntities(mentions: readonly EntityMention[]): Entity[] {
  const byKey = new Map<
    string,
    { name: string; type: Entity['type']; spans: { start: number; end: number }[] }
  >();
  for (const m of mentions) {
    const key = `${m.type}\u0000${m.canonical}`;
    let group = byKey.get(key);
    if (!group) {
      group = { name: m.canonical, type: m.type, spans: [] };
      byKey.set(key, group);
    }
    group.spans.push({ start: m.start, end: m.end });
  }
  return [...byKey.values()].map((g) => ({
    name: g.name,
    type: g.type,
    mentions: g.spans.length,
    spans: g.spans.sort((a, b) => a.start - b.start),
  }));
}
