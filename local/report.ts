import type { StoredObject } from '#adapters/aws/dynamodb/reader.ts';

/** One article as `npm start` reports it, read back from the table. */
export interface ArticleReport {
  key: string;
  status: string;
  title: string | null;
  entities: { name: string; type: string; mentions: number }[];
  quotes: { type: 'direct' | 'indirect'; text: string; speaker: string | null }[];
  error?: string;
}

/** The reports of one object: one per article it holds, or one saying why there is none. */
export function reportsOf(key: string, stored: StoredObject | undefined, error?: string): ArticleReport[] {
  if (!stored)
    return [{ key, status: 'error', title: null, entities: [], quotes: [], error: error ?? 'not processed' }];
  const failure = stored.failure
    ? `${stored.failure.reason}${stored.failure.message ? `: ${stored.failure.message}` : ''}`
    : undefined;
  if (!stored.articles.length) {
    const message =
      failure ?? error ?? (stored.status === 'processed' ? 'no article found in the object' : undefined);
    return [
      {
        key,
        status: stored.status,
        title: typeof stored.state.title === 'string' ? stored.state.title : null,
        entities: [],
        quotes: [],
        ...(message ? { error: message } : {}),
      },
    ];
  }
  return stored.articles.map((a) => ({
    key,
    status: stored.status,
    title: typeof a.meta.title === 'string' ? a.meta.title : null,
    entities: a.entities.map((e) => ({ name: e.name, type: e.type, mentions: e.mentions })),
    quotes: a.quotes.map((q) => ({ type: q.type, text: q.text, speaker: q.speaker })),
    ...(failure ? { error: failure } : {}),
  }));
}

/** A readable rendering: title, entities grouped by type with mention counts, quotes with speakers. */
export function renderReport(r: ArticleReport): string {
  const lines = [`${r.key}  [${r.status}]`];
  if (r.title) lines.push(`  title: ${r.title}`);
  if (r.error) lines.push(`  error: ${r.error}`);
  const byType = new Map<string, { name: string; mentions: number }[]>();
  for (const e of r.entities) {
    const list = byType.get(e.type) ?? [];
    list.push(e);
    byType.set(e.type, list);
  }
  if (byType.size) {
    lines.push('  entities:');
    for (const [type, list] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
      const names = list
        .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
        .map((e) => `${e.name} (${e.mentions})`);
      lines.push(`    ${type}: ${names.join(', ')}`);
    }
  } else if (r.status === 'processed') lines.push('  entities: none');
  if (r.quotes.length) {
    lines.push(`  quotes (${r.quotes.length}):`);
    for (const q of r.quotes) {
      const text = q.text.length > 240 ? `${q.text.slice(0, 237)}...` : q.text;
      lines.push(`    - [${q.type}] ${q.speaker ?? '(unattributed)'}: ${text.replace(/\s+/g, ' ')}`);
    }
  } else if (r.status === 'processed') lines.push('  quotes: none');
  return lines.join('\n');
}
