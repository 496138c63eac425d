import type {
  ArticleMention,
  ArticleReader,
  IdentityMatch,
  NameSearch,
  StoredQuote,
} from '#adapters/aws/dynamodb/reader.ts';

/** What `query --speaker` or `query --entity` prints: JSON, or text lines. */
export interface NameAnswer {
  readonly json: Record<string, unknown>;
  readonly text: string;
}

interface Options {
  readonly limit: number;
  readonly cursor?: string;
}

const count = (n: number, complete: boolean) => `${n.toLocaleString('en-US')}${complete ? '' : '+'}`;

/**
 * The candidates of an ambiguous name on one line:
 * `Biden: Joe Biden (120 quotes), Hunter Biden (8)`; counts end in `+` when they are lower bounds.
 */
export function candidatesLine(query: string, search: NameSearch, unit: 'quotes' | 'articles'): string {
  const parts = search.matches.map((m, i) => {
    const n = count(unit === 'quotes' ? m.quotes : m.articles, search.complete);
    const type = unit === 'articles' && m.types.length ? `${m.types.join('/')}, ` : '';
    return `${m.name} (${type}${n}${i === 0 ? ` ${unit}` : ''})`;
  });
  return `${query}: ${parts.join(', ')}`;
}

const candidates = (matches: readonly IdentityMatch[]) =>
  matches.map((m) => ({
    identity: m.identity,
    name: m.name,
    ...(m.names.length ? { names: m.names } : {}),
    types: m.types,
    quotes: m.quotes,
    articles: m.articles,
    mentions: m.mentions,
  }));

function quoteLine(q: StoredQuote): string {
  return `${q.sortDate.slice(0, 10)}  ${q.key}${q.articleTitle ? ` (${q.articleTitle})` : ''}\n  [${q.type}] ${q.text}\n    — ${q.speaker}${q.speakerRole ? `, ${q.speakerRole}` : ''}`;
}

function articleLine(h: ArticleMention): string {
  return `${h.sortDate.slice(0, 10)}  ${h.key}${h.articleTitle ? ` (${h.articleTitle})` : ''}  ${h.type} ×${h.mentions}`;
}

const more = (cursor: string | undefined) => (cursor ? `\nmore: --cursor ${cursor}` : '');

/** `query --speaker NAME`: a full name, a surname or an alias; an ambiguous one lists its candidates. */
export async function speakerAnswer(
  reader: ArticleReader,
  name: string,
  options: Options,
): Promise<NameAnswer> {
  const search = await reader.searchSpeakers(name);
  const base = { speaker: name, ...(search.lookupKey ? { lookupKey: search.lookupKey } : {}) };
  if (search.matches.length > 0 && search.resolved.length === 0) {
    return {
      json: { ...base, quotes: [], candidates: candidates(search.matches), complete: search.complete },
      text: candidatesLine(name, search, 'quotes'),
    };
  }
  const page = search.resolved.length
    ? await reader.speakerQuotes(search.resolved, options)
    : { items: [] as StoredQuote[] };
  const quotes = page.items;
  return {
    json: {
      ...base,
      ...(search.resolved.length ? { identities: search.resolved } : {}),
      quotes,
      candidates: candidates(search.matches),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    },
    text: quotes.length === 0 ? `no quotes by ${name}` : quotes.map(quoteLine).join('\n') + more(page.cursor),
  };
}

/** `query --entity NAME`: as `speakerAnswer`, for the articles that mention an entity. */
export async function entityAnswer(
  reader: ArticleReader,
  name: string,
  options: Options,
): Promise<NameAnswer> {
  const search = await reader.searchEntities(name);
  const base = { entity: name, ...(search.lookupKey ? { lookupKey: search.lookupKey } : {}) };
  if (search.matches.length > 0 && search.resolved.length === 0) {
    return {
      json: { ...base, articles: [], candidates: candidates(search.matches), complete: search.complete },
      text: candidatesLine(name, search, 'articles'),
    };
  }
  const page = search.resolved.length
    ? await reader.entityArticles(search.resolved, options)
    : { items: [] as ArticleMention[] };
  const articles = page.items;
  return {
    json: {
      ...base,
      ...(search.resolved.length ? { identities: search.resolved } : {}),
      articles,
      candidates: candidates(search.matches),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    },
    text:
      articles.length === 0
        ? `no articles mention ${name}`
        : articles.map(articleLine).join('\n') + more(page.cursor),
  };
}
