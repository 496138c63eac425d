import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { lookupKeys } from '#core/nlp/entities/identity.ts';
import { batchGet } from './batch.ts';
import type { Item } from './items.ts';
import { entityPk, nameKey, namePk, objectPk, STATE_SK, speakerPk } from './keys.ts';

export interface StoredEntity {
  readonly name: string;
  readonly type: string;
  readonly mentions: number;
  /** Identity key: the same for this person or organisation in every article. */
  readonly identity?: string;
  readonly role?: string;
  /** Surface forms the article used for it (`Mr. Smith`, `Jan Smith`). */
  readonly aliases?: readonly string[];
}

export interface StoredQuote {
  readonly type: 'direct' | 'indirect';
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly speaker: string | null;
  /** Identity key of the speaker. */
  readonly speakerId?: string;
  /** Surface forms the article used for the speaker. */
  readonly speakerAliases?: readonly string[];
  readonly speakerRole?: string;
  readonly mention?: string;
  readonly cue?: string;
  readonly paragraph?: number;
  readonly bucket: string;
  readonly key: string;
  readonly articleIndex?: number;
  readonly articleTitle?: string;
  readonly sortDate: string;
}

export interface StoredArticle {
  readonly articleId: string;
  readonly index: number;
  readonly meta: Item;
  readonly entities: StoredEntity[];
  readonly quotes: StoredQuote[];
}

export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly status: 'processed' | 'failed' | 'deleted';
  readonly state: Item;
  readonly articles: StoredArticle[];
  readonly failure?: { readonly reason: string; readonly message?: string };
}

/** One article of a stored object, with where it lives. */
export interface StoredArticleOf extends StoredArticle {
  readonly bucket: string;
  readonly key: string;
}

export interface ArticleMention {
  readonly bucket: string;
  readonly key: string;
  readonly articleIndex: number;
  readonly articleTitle?: string;
  readonly name: string;
  readonly type: string;
  readonly mentions: number;
  readonly sortDate: string;
  readonly identity?: string;
  readonly role?: string;
}

/** One identity a searched name may stand for, with what the table holds of it. */
export interface IdentityMatch {
  /** Identity key: pass it to `speakerQuotes` or `entityArticles`. */
  readonly identity: string;
  /** Its most frequent name in the articles read. */
  readonly name: string;
  /** Other names it was stored under (`Donald J. Trump` beside `Donald Trump`). */
  readonly names: readonly string[];
  /** Entity types seen; empty for a speaker the recogniser did not name. */
  readonly types: readonly string[];
  /** Quotes attributed to it, in the articles read. */
  readonly quotes: number;
  /** Articles naming or quoting it, among those read. */
  readonly articles: number;
  readonly mentions: number;
}

/** What a name stands for in the table. */
export interface NameSearch {
  /** The name asked for. */
  readonly query: string;
  /** The lookup key that matched (a normalised full name, surname or alias), if any did. */
  readonly lookupKey?: string;
  /** Every identity the name may stand for: most quoted (speakers) or most mentioned (entities) first. */
  readonly matches: readonly IdentityMatch[];
  /**
   * The identity keys the name stands for when it is unambiguous: one identity, plus the record of
   * its bare surname (`Trump` in articles that never give a first name); empty when the name is
   * ambiguous (several people) or unknown.
   */
  readonly resolved: readonly string[];
  /** False when more name items matched than were read: counts are then lower bounds. */
  readonly complete: boolean;
}

export interface SearchOptions {
  /** Name items read at most (newest first); default 2,000 (two Queries). */
  readonly maxItems?: number;
}

export interface PageOptions {
  /** Results per page (default 50, at most 1,000). */
  readonly limit?: number;
  /** The `cursor` of the previous page. */
  readonly cursor?: string;
}

/** One page of results, newest first; `cursor` fetches the next page, absent on the last. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

/** A cursor that does not belong to the query it was given to, or was altered. */
export class CursorError extends Error {
  constructor() {
    super('invalid cursor: pass the cursor of the previous page of the same query');
    this.name = 'CursorError';
  }
}

const SPEAKER_INDEX = { name: 'bySpeaker', pk: 'gsi1pk', sk: 'gsi1sk' } as const;
const ENTITY_INDEX = { name: 'byEntity', pk: 'gsi2pk', sk: 'gsi2sk' } as const;
type Index = typeof SPEAKER_INDEX | typeof ENTITY_INDEX;

/**
 * The read side. Every answer shows committed versions only: items are matched against their
 * object's STATE item (the commit marker), so a query never shows a half-written update.
 */
export class ArticleReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Everything about one object: one Query of its partition. */
  async getObject(bucket: string, key: string): Promise<StoredObject | undefined> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': objectPk(bucket, key) },
      ConsistentRead: true,
    });
    const state = items.find((i) => i.sk === STATE_SK);
    if (!state) return undefined;
    const live = items.filter((i) => i.sk !== STATE_SK && i.version === state.version);
    const articles = new Map<number, { meta?: Item; entities: StoredEntity[]; quotes: StoredQuote[] }>();
    const slot = (n: number) => {
      const existing = articles.get(n);
      if (existing) return existing;
      const created: { meta?: Item; entities: StoredEntity[]; quotes: StoredQuote[] } = {
        entities: [],
        quotes: [],
      };
      articles.set(n, created);
      return created;
    };
    let failure: StoredObject['failure'];
    for (const item of live) {
      if (item.kind === 'failure') {
        failure = { reason: String(item.reason), ...(item.message ? { message: String(item.message) } : {}) };
      } else if (item.kind === 'article') slot(Number(item.articleIndex)).meta = item;
      else if (item.kind === 'entity') slot(Number(item.articleIndex)).entities.push(toEntity(item));
      else if (item.kind === 'quote') slot(Number(item.articleIndex)).quotes.push(toQuote(item));
    }
    return {
      bucket: String(state.bucket),
      key: String(state.key),
      status: state.status as StoredObject['status'],
      state,
      ...(failure ? { failure } : {}),
      articles: [...articles.entries()]
        .filter(([, a]) => a.meta)
        .sort(([x], [y]) => x - y)
        .map(([index, a]) => ({
          index,
          articleId: String(a.meta?.articleId ?? index),
          meta: a.meta as Item,
          entities: a.entities.sort((x, y) => y.mentions - x.mentions || x.name.localeCompare(y.name)),
          quotes: a.quotes.sort((x, y) => x.start - y.start),
        })),
    };
  }

  /** One article of an object with its entities and quotes (committed version): one Query. */
  async getArticle(bucket: string, key: string, index = 0): Promise<StoredArticleOf | undefined> {
    const object = await this.getObject(bucket, key);
    const article = object?.articles.find((a) => a.index === index);
    return article ? { bucket: object!.bucket, key: object!.key, ...article } : undefined;
  }

  /**
   * The speakers a name may stand for (a full name, a surname or any alias seen), with their quote
   * counts: one Query of the name items in bySpeaker (a second when the name reads differently as
   * a person's name, `Mr. Smith` -> `smith`), never a Scan.
   */
  searchSpeakers(name: string, options: SearchOptions = {}): Promise<NameSearch> {
    return this.searchNames(SPEAKER_INDEX, name, options);
  }

  /** The entities a name may stand for, with their article counts: as `searchSpeakers`, in byEntity. */
  searchEntities(name: string, options: SearchOptions = {}): Promise<NameSearch> {
    return this.searchNames(ENTITY_INDEX, name, options);
  }

  /**
   * Quotes of one or more speaker identities (from `searchSpeakers`), newest first, one page: one
   * Query per identity and page.
   */
  async speakerQuotes(
    identities: string | readonly string[],
    options: PageOptions = {},
  ): Promise<Page<StoredQuote>> {
    const pks = (typeof identities === 'string' ? [identities] : [...identities]).map(speakerPk);
    const page = await this.mergedPage(SPEAKER_INDEX, pks, options);
    return { items: page.items.map(toQuote), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  /**
   * Articles mentioning one or more entity identities (from `searchEntities`), newest first, one
   * row per stored entity: one Query per identity and page.
   */
  async entityArticles(
    identities: string | readonly string[],
    options: PageOptions = {},
  ): Promise<Page<ArticleMention>> {
    const pks = (typeof identities === 'string' ? [identities] : [...identities]).map(entityPk);
    const page = await this.mergedPage(ENTITY_INDEX, pks, options);
    return { items: page.items.map(toMention), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  /**
   * All quotes by the speaker a name stands for, newest first (up to `limit`); none when the name
   * is ambiguous, unless it is exactly one speaker's full name.
   */
  async quotesBySpeaker(name: string, limit = 100): Promise<StoredQuote[]> {
    const search = await this.searchSpeakers(name);
    const ids = search.resolved.length ? search.resolved : exactMatch(search);
    if (!ids.length) return [];
    return [...(await this.speakerQuotes(ids, { limit })).items];
  }

  /** All articles mentioning the entity a name stands for, newest first (up to `limit`). */
  async articlesByEntity(name: string, limit = 100): Promise<ArticleMention[]> {
    const search = await this.searchEntities(name);
    const ids = search.resolved.length ? search.resolved : exactMatch(search);
    if (!ids.length) return [];
    return [...(await this.entityArticles(ids, { limit })).items];
  }

  private async searchNames(index: Index, name: string, options: SearchOptions): Promise<NameSearch> {
    const maxItems = Math.max(1, options.maxItems ?? 2000);
    for (const key of lookupKeys(name)) {
      const { items, complete } = await this.readLive(index, namePk(key), maxItems);
      if (!items.length) continue;
      const matches = aggregate(items, index === SPEAKER_INDEX);
      return { query: name, lookupKey: key, matches, resolved: resolveMatches(key, matches), complete };
    }
    return (
      (await this.legacyNames(index, name, maxItems)) ?? {
        query: name,
        matches: [],
        resolved: [],
        complete: true,
      }
    );
  }

  /**
   * A name no name item knows may still have items written before identity keys and name items,
   * until `backfill --outdated` rewrites them: those sit under the name's name key (lower case,
   * NFKC, single spaces). One more Query, only when the name items found nothing.
   */
  private async legacyNames(index: Index, name: string, maxItems: number): Promise<NameSearch | undefined> {
    const key = nameKey(name);
    if (!key) return undefined;
    const speakers = index === SPEAKER_INDEX;
    const { items, complete } = await this.readLive(
      index,
      speakers ? speakerPk(key) : entityPk(key),
      maxItems,
    );
    if (!items.length) return undefined;
    const named = items.map((i) => ({
      pk: i.pk,
      articleIndex: i.articleIndex,
      identity: key,
      name: speakers ? i.speaker : i.name,
      types: speakers ? (i.speakerType ? [i.speakerType] : []) : [i.type],
      quotes: speakers ? 1 : 0,
      mentions: speakers ? 0 : i.mentions,
    }));
    return { query: name, lookupKey: key, matches: aggregate(named, speakers), resolved: [key], complete };
  }

  /** Live items of one index partition, newest first, reading at most `maxItems` items. */
  private async readLive(
    index: Index,
    pk: string,
    maxItems: number,
  ): Promise<{ items: Item[]; complete: boolean }> {
    const out: Item[] = [];
    let read = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index.name,
          KeyConditionExpression: '#k = :k',
          ExpressionAttributeNames: { '#k': index.pk },
          ExpressionAttributeValues: { ':k': pk },
          ScanIndexForward: false,
          Limit: Math.min(1000, maxItems - read),
          ExclusiveStartKey: startKey,
        }),
      );
      const items = (page.Items ?? []) as Item[];
      read += items.length;
      out.push(...(await this.onlyLive(items)));
      startKey = page.LastEvaluatedKey;
    } while (startKey && read < maxItems);
    return { items: out, complete: startKey === undefined };
  }

  /**
   * One page of live items merged from several partitions of an index, newest first. The cursor
   * holds, per partition, the sort key of the last item returned (or that it is exhausted); the
   * next page asks each partition only for items older than that.
   */
  private async mergedPage(index: Index, pks: readonly string[], options: PageOptions): Promise<Page<Item>> {
    const limit = Math.min(Math.max(1, options.limit ?? 50), 1000);
    const unique = [...new Set(pks)];
    const positions = options.cursor ? decodeCursor(options.cursor, unique) : unique.map(() => '');
    const fetched = await Promise.all(
      unique.map((pk, i) =>
        positions[i] === null ? { items: [], more: false } : this.livePage(index, pk, positions[i]!, limit),
      ),
    );
    const all: { item: Item; from: number }[] = [];
    fetched.forEach((f, from) => {
      for (const item of f.items) all.push({ item, from });
    });
    all.sort((a, b) => compareDesc(String(a.item[index.sk]), String(b.item[index.sk])));
    const taken = all.slice(0, limit);
    const next = positions.slice();
    for (const { item, from } of taken) next[from] = String(item[index.sk]);
    // A partition is exhausted when it has nothing beyond what this page returned.
    const left = new Set(all.slice(limit).map((x) => x.from));
    fetched.forEach((f, i) => {
      if (!f.more && !left.has(i)) next[i] = null;
    });
    const done = next.every((p) => p === null);
    return { items: taken.map((t) => t.item), ...(done ? {} : { cursor: encodeCursor(unique, next) }) };
  }

  /** Up to `limit` live items of a partition older than `before` (all when empty), newest first. */
  private async livePage(
    index: Index,
    pk: string,
    before: string,
    limit: number,
  ): Promise<{ items: Item[]; more: boolean }> {
    const out: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index.name,
          KeyConditionExpression: before ? '#k = :k AND #s < :s' : '#k = :k',
          ExpressionAttributeNames: before ? { '#k': index.pk, '#s': index.sk } : { '#k': index.pk },
          ExpressionAttributeValues: before ? { ':k': pk, ':s': before } : { ':k': pk },
          ScanIndexForward: false,
          Limit: Math.min(limit * 2, 500),
          ExclusiveStartKey: startKey,
        }),
      );
      out.push(...(await this.onlyLive((page.Items ?? []) as Item[])));
      startKey = page.LastEvaluatedKey;
    } while (startKey && out.length < limit);
    return { items: out.slice(0, limit), more: startKey !== undefined || out.length > limit };
  }

  /** The items that belong to their object's committed version (one BatchGetItem per 100 objects). */
  private async onlyLive(items: readonly Item[]): Promise<Item[]> {
    if (!items.length) return [];
    const live = await this.liveVersions(items.map((i) => String(i.pk)));
    return items.filter((item) => live.get(String(item.pk)) === item.version);
  }

  /** The committed version of each object partition (processed objects only). */
  private async liveVersions(pks: string[]): Promise<Map<string, unknown>> {
    const unique = [...new Set(pks)];
    const states = await batchGet(
      this.client,
      this.table,
      unique.map((pk) => ({ pk, sk: STATE_SK })),
    );
    return new Map(states.filter((s) => s.status === 'processed').map((s) => [String(s.pk), s.version]));
  }

  private async queryAll(
    input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>,
  ): Promise<Item[]> {
    const out: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({ ...input, TableName: this.table, ExclusiveStartKey: startKey }),
      );
      out.push(...((page.Items ?? []) as Item[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  }
}

function toEntity(item: Item): StoredEntity {
  return {
    name: String(item.name),
    type: String(item.type),
    mentions: Number(item.mentions),
    ...(item.identity ? { identity: String(item.identity) } : {}),
    ...(item.role ? { role: String(item.role) } : {}),
    ...(Array.isArray(item.aliases) ? { aliases: item.aliases.map(String) } : {}),
  };
}

function toQuote(item: Item): StoredQuote {
  return {
    type: item.quoteType === 'indirect' ? 'indirect' : 'direct',
    text: String(item.text ?? ''),
    start: Number(item.start),
    end: Number(item.end),
    speaker: item.speaker === undefined ? null : String(item.speaker),
    ...(item.speakerId ? { speakerId: String(item.speakerId) } : {}),
    ...(Array.isArray(item.speakerAliases) ? { speakerAliases: item.speakerAliases.map(String) } : {}),
    ...(item.speakerRole ? { speakerRole: String(item.speakerRole) } : {}),
    ...(item.mention ? { mention: String(item.mention) } : {}),
    ...(item.cue ? { cue: String(item.cue) } : {}),
    ...(item.paragraph !== undefined ? { paragraph: Number(item.paragraph) } : {}),
    bucket: String(item.bucket),
    key: String(item.key),
    ...(item.articleIndex !== undefined ? { articleIndex: Number(item.articleIndex) } : {}),
    ...(item.articleTitle ? { articleTitle: String(item.articleTitle) } : {}),
    sortDate: String(item.sortDate),
  };
}

function toMention(i: Item): ArticleMention {
  return {
    bucket: String(i.bucket),
    key: String(i.key),
    articleIndex: Number(i.articleIndex),
    ...(i.articleTitle ? { articleTitle: String(i.articleTitle) } : {}),
    name: String(i.name),
    type: String(i.type),
    mentions: Number(i.mentions),
    sortDate: String(i.sortDate),
    ...(i.identity ? { identity: String(i.identity) } : {}),
    ...(i.role ? { role: String(i.role) } : {}),
  };
}

/** Name items (live) summed per identity: quote, article and mention counts and the names used. */
export function aggregate(items: readonly Item[], bySpeaker: boolean): IdentityMatch[] {
  const byId = new Map<
    string,
    {
      names: Map<string, number>;
      types: Set<string>;
      quotes: number;
      mentions: number;
      articles: Set<string>;
    }
  >();
  for (const item of items) {
    const id = String(item.identity);
    let a = byId.get(id);
    if (!a) {
      a = { names: new Map(), types: new Set(), quotes: 0, mentions: 0, articles: new Set() };
      byId.set(id, a);
    }
    const name = String(item.name ?? id);
    a.names.set(name, (a.names.get(name) ?? 0) + 1);
    if (Array.isArray(item.types)) for (const t of item.types) a.types.add(String(t));
    a.quotes += Number(item.quotes ?? 0);
    a.mentions += Number(item.mentions ?? 0);
    a.articles.add(`${String(item.pk)}#${String(item.articleIndex)}`);
  }
  const out: IdentityMatch[] = [...byId.entries()].map(([identity, a]) => {
    // The most frequent name; on a tie the newest (items come newest first, and a Map keeps order).
    const names = [...a.names.entries()].sort((x, y) => y[1] - x[1]);
    return {
      identity,
      name: names[0]![0],
      names: names.slice(1).map(([n]) => n),
      types: [...a.types],
      quotes: a.quotes,
      articles: a.articles.size,
      mentions: a.mentions,
    };
  });
  return out.sort((x, y) =>
    bySpeaker
      ? y.quotes - x.quotes || y.articles - x.articles || x.name.localeCompare(y.name)
      : y.articles - x.articles || y.mentions - x.mentions || x.name.localeCompare(y.name),
  );
}

const wordCount = (identity: string) => identity.split(' ').length;
const personLike = (m: IdentityMatch) => m.types.length === 0 || m.types.includes('PERSON');

/**
 * The identities a name stands for, or none when it is ambiguous. One match: that one. A full name
 * (two words or more) that is exactly one identity's key: that one (`Donald Trump`, not `Donald
 * Trump Jr.`). One full-name identity among the matches: that one, with the records filed under
 * the bare name itself (`Marquez` in articles that never give her first name), when those are
 * people or speakers. Anything else (`Biden`: Joe Biden and Hunter Biden) is ambiguous.
 */
export function resolveMatches(lookupKey: string, matches: readonly IdentityMatch[]): string[] {
  if (matches.length === 0) return [];
  if (matches.length === 1) return [matches[0]!.identity];
  const exact = matches.find((m) => m.identity === lookupKey);
  if (exact && wordCount(lookupKey) >= 2) return [exact.identity];
  const full = matches.filter((m) => wordCount(m.identity) >= 2);
  const bare = matches.filter((m) => wordCount(m.identity) < 2);
  if (full.length !== 1 || !personLike(full[0]!)) return [];
  if (!bare.every((b) => b.identity === lookupKey && personLike(b))) return [];
  return [full[0]!.identity, ...bare.map((b) => b.identity)];
}

/** The match whose identity is exactly the name looked up, when the name is ambiguous. */
function exactMatch(search: NameSearch): string[] {
  const exact = search.matches.find((m) => m.identity === search.lookupKey);
  return exact ? [exact.identity] : [];
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

function cursorOwner(pks: readonly string[]): string {
  return createHash('sha256').update(pks.join('\n')).digest('base64url').slice(0, 12);
}

/** An opaque cursor: the partitions it belongs to (hashed) and each one's position. */
function encodeCursor(pks: readonly string[], positions: readonly (string | null)[]): string {
  return Buffer.from(JSON.stringify({ o: cursorOwner(pks), p: positions }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, pks: readonly string[]): (string | null)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError();
  }
  const c = parsed as { o?: unknown; p?: unknown };
  if (
    !c ||
    c.o !== cursorOwner(pks) ||
    !Array.isArray(c.p) ||
    c.p.length !== pks.length ||
    !c.p.every((x) => x === null || typeof x === 'string')
  )
    throw new CursorError();
  return c.p as (string | null)[];
}
