import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ArticleRef,
  type ArticleView,
  type EntityMention,
  type EntitySummary,
  type EntityView,
  InvalidIdError,
  InvalidPositionError,
  type ListedQuote,
  type Page,
  type PageRequest,
  type QuoteView,
  type ReadModel,
  type SpeakerSummary,
} from '#read/ports.ts';
import { batchGet } from './batch.ts';
import type { Item } from './items.ts';
import { entityPk, nameKey, pad, STATE_SK, speakerPk } from './keys.ts';

/**
 * The read model on the single table (see README "Data model"). Listings are Queries of the
 * bySpeaker and byEntity indexes, newest first; each page of index items is checked against the
 * STATE items of its objects, read in the same BatchGetItem as the article items that give each
 * quote its article's title, outlet and URL. Nothing uncommitted or superseded is ever returned.
 *
 * Ids: a speaker or entity id is the base64url of its name key (lower case, NFKC, single spaces);
 * an article id is `<object hash>-<article index>`. Positions name the last item of a page: its
 * sort key in the table and in the index; the partition key always comes from the id.
 */

interface IndexSpec {
  readonly name: string;
  readonly pk: string;
  readonly sk: string;
  readonly partition: (name: string) => string;
  /** Table sort key of an item of this index: V#<version>#A#<n>#Q#<m> or #E#<hash>. */
  readonly itemSk: RegExp;
  /** Index sort key: <date>#<object hash>#<n>[#<m>]. */
  readonly indexSk: RegExp;
}

const VERSION = '[0-9A-Fa-f]{1,64}\\.[0-9a-f]{8}';
const DATE = '\\d{4}-\\d{2}-\\d{2}T[0-9:.]{2,20}Z';
const SPEAKERS: IndexSpec = {
  name: 'bySpeaker',
  pk: 'gsi1pk',
  sk: 'gsi1sk',
  partition: speakerPk,
  itemSk: new RegExp(`^V#${VERSION}#A#(\\d{5,6})#Q#(\\d{5,6})$`),
  indexSk: new RegExp(`^${DATE}#([0-9a-f]{40})#(\\d{5,6})#(\\d{5,6})$`),
};
const ENTITIES: IndexSpec = {
  name: 'byEntity',
  pk: 'gsi2pk',
  sk: 'gsi2sk',
  partition: entityPk,
  itemSk: new RegExp(`^V#${VERSION}#A#(\\d{5,6})#E#[0-9a-f]{16}$`),
  indexSk: new RegExp(`^${DATE}#([0-9a-f]{40})#(\\d{5,6})$`),
};

/** What listings read of STATE and article items (never the article body). */
const CONTEXT_ATTRIBUTES = [
  'pk',
  'sk',
  'bucket',
  'key',
  'version',
  'status',
  'articleId',
  'title',
  'sortDate',
  'published',
  'outlet',
  'url',
];
const MAX_QUERY_PAGE = 500;

export class DynamoReadModel implements ReadModel {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async searchSpeakers(query: string, _limit: number): Promise<SpeakerSummary[]> {
    const key = nameKey(query);
    if (!key) return [];
    const items = await this.liveOfPartition(SPEAKERS, key, ['pk', 'version', 'speaker', 'speakerType']);
    if (!items.length) return [];
    const type = mostFrequent(items.map((i) => i.speakerType));
    return [
      {
        id: nameId(key),
        name: mostFrequent(items.map((i) => i.speaker)) ?? query,
        ...(type ? { type } : {}),
        quoteCount: items.length,
      },
    ];
  }

  async searchEntities(query: string, _limit: number): Promise<EntitySummary[]> {
    const key = nameKey(query);
    if (!key) return [];
    const items = await this.liveOfPartition(ENTITIES, key, [
      'pk',
      'version',
      'name',
      'type',
      'articleIndex',
    ]);
    if (!items.length) return [];
    const types = byFrequency(items.map((i) => i.type));
    return [
      {
        id: nameId(key),
        name: mostFrequent(items.map((i) => i.name)) ?? query,
        types,
        articleCount: new Set(items.map((i) => `${i.pk}#${i.articleIndex}`)).size,
      },
    ];
  }

  speakerQuotes(speakerId: string, page: PageRequest): Promise<Page<ListedQuote>> {
    const key = nameOfId(speakerId, 'speaker');
    return this.listing(SPEAKERS, key, page, (item, article) => ({ ...quoteOf(item), article }));
  }

  entityArticles(entityId: string, page: PageRequest): Promise<Page<EntityMention>> {
    const key = nameOfId(entityId, 'entity');
    return this.listing(ENTITIES, key, page, (item, article) => ({
      article,
      name: String(item.name ?? ''),
      type: String(item.type ?? ''),
      mentions: Number(item.mentions ?? 0),
    }));
  }

  async article(articleId: string): Promise<ArticleView | undefined> {
    const match = /^([0-9a-f]{40})-(\d{1,6})$/.exec(articleId);
    if (!match) throw new InvalidIdError('not an article id: expected <40 hex digits>-<index>');
    const pk = `OBJ#${match[1]}`;
    const index = Number(match[2]);
    // a newer version may commit, and clean up this one, between the two reads: read again then
    for (let attempt = 0; attempt < 3; attempt++) {
      const state = (
        await this.client.send(
          new GetCommand({ TableName: this.table, Key: { pk, sk: STATE_SK }, ConsistentRead: true }),
        )
      ).Item;
      if (state?.status !== 'processed') return undefined;
      const prefix = `V#${String(state.version)}#A#${pad(index)}`;
      const items = await this.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ConsistentRead: true,
      });
      const own = items.filter((i) => i.sk === prefix || String(i.sk).startsWith(`${prefix}#`));
      const meta = own.find((i) => i.kind === 'article');
      if (!meta) {
        if (items.length === 0 && attempt === 0) continue;
        return undefined;
      }
      return articleView(meta, own);
    }
    return undefined;
  }

  /** One page of an index partition, committed items only. */
  private async listing<T>(
    index: IndexSpec,
    key: string,
    { limit, after }: PageRequest,
    map: (item: Item, article: ArticleRef) => T,
  ): Promise<Page<T>> {
    const partition = index.partition(key);
    let startKey = after === undefined ? undefined : startKeyOf(index, partition, after);
    const out: T[] = [];
    let last: Item | undefined;
    let exhausted = true;
    page: for (;;) {
      const res = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index.name,
          KeyConditionExpression: '#k = :k',
          ExpressionAttributeNames: { '#k': index.pk },
          ExpressionAttributeValues: { ':k': partition },
          ScanIndexForward: false,
          // one more than needed tells whether another page follows
          Limit: Math.min(MAX_QUERY_PAGE, limit - out.length + 1),
          ExclusiveStartKey: startKey,
        }),
      );
      const items = (res.Items ?? []) as Item[];
      const articles = await this.articlesOf(items);
      for (const [i, item] of items.entries()) {
        const article = articles.get(articleKey(item));
        if (!article) continue;
        out.push(map(item, article));
        last = item;
        if (out.length === limit) {
          exhausted = i === items.length - 1 && !res.LastEvaluatedKey;
          break page;
        }
      }
      if (!res.LastEvaluatedKey) break;
      startKey = res.LastEvaluatedKey;
    }
    return {
      items: out,
      ...(!exhausted && last ? { next: `${String(last.sk)}\n${String(last[index.sk])}` } : {}),
    };
  }

  /**
   * The article of each committed item, by `<pk>#<version>#<n>`: one BatchGetItem (in parallel
   * chunks of 100 keys) reads the STATE item and the article item of every object of the page.
   */
  private async articlesOf(items: readonly Item[]): Promise<Map<string, ArticleRef>> {
    const keys = new Map<string, { pk: string; sk: string }>();
    for (const item of items) {
      const pk = String(item.pk);
      keys.set(`${pk}\n${STATE_SK}`, { pk, sk: STATE_SK });
      const sk = `V#${String(item.version)}#A#${pad(Number(item.articleIndex))}`;
      keys.set(`${pk}\n${sk}`, { pk, sk });
    }
    const got = await this.batchGet([...keys.values()], CONTEXT_ATTRIBUTES);
    const live = new Map<string, unknown>();
    for (const g of got) if (g.sk === STATE_SK && g.status === 'processed') live.set(String(g.pk), g.version);
    const out = new Map<string, ArticleRef>();
    for (const g of got) {
      if (g.sk === STATE_SK || live.get(String(g.pk)) !== g.version) continue;
      const ref = articleRef(g);
      out.set(`${String(g.pk)}#${String(g.version)}#${Number(ref.id.split('-')[1])}`, ref);
    }
    return out;
  }

  /** Every committed item of an index partition (the attributes asked for). */
  private async liveOfPartition(index: IndexSpec, key: string, attributes: string[]): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const res = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index.name,
          KeyConditionExpression: '#k = :k',
          ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
          ExpressionAttributeNames: {
            '#k': index.pk,
            ...Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])),
          },
          ExpressionAttributeValues: { ':k': index.partition(key) },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((res.Items ?? []) as Item[]));
      startKey = res.LastEvaluatedKey;
    } while (startKey);
    const pks = [...new Set(items.map((i) => String(i.pk)))];
    const states = await this.batchGet(
      pks.map((pk) => ({ pk, sk: STATE_SK })),
      ['pk', 'version', 'status'],
    );
    const live = new Map(
      states.filter((s) => s.status === 'processed').map((s) => [String(s.pk), s.version]),
    );
    return items.filter((i) => live.get(String(i.pk)) === i.version);
  }

  private async batchGet(keys: { pk: string; sk: string }[], projection: string[]): Promise<Item[]> {
    const chunks: { pk: string; sk: string }[][] = [];
    for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
    const results = await Promise.all(
      chunks.map((chunk) => batchGet(this.client, this.table, chunk, { projection })),
    );
    return results.flat();
  }

  private async queryAll(
    input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>,
  ): Promise<Item[]> {
    const out: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const res = await this.client.send(
        new QueryCommand({ ...input, TableName: this.table, ExclusiveStartKey: startKey }),
      );
      out.push(...((res.Items ?? []) as Item[]));
      startKey = res.LastEvaluatedKey;
    } while (startKey);
    return out;
  }
}

/** The id of a speaker or entity name key: its UTF-8 in base64url. */
export function nameId(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function nameOfId(id: string, what: 'speaker' | 'entity'): string {
  const invalid = () => new InvalidIdError(`not a ${what} id: use an id returned by GET /${what}s?q=NAME`);
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(id)) throw invalid();
  const bytes = Buffer.from(id, 'base64url');
  let key: string;
  try {
    key = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid();
  }
  if (!key || nameId(key) !== id || nameKey(key) !== key) throw invalid();
  return key;
}

/** The ExclusiveStartKey of a position, checked to be a key of `partition` in this index. */
function startKeyOf(index: IndexSpec, partition: string, position: string): Record<string, string> {
  const invalid = new InvalidPositionError(
    'invalid cursor: pass the "next" value of the previous page unchanged',
  );
  const parts = position.split('\n');
  if (parts.length !== 2) throw invalid;
  const [sk, indexSk] = parts as [string, string];
  const item = index.itemSk.exec(sk);
  const keyed = index.indexSk.exec(indexSk);
  if (!item || !keyed) throw invalid;
  // the article (and quote) numbers of both sort keys agree
  if (item[1] !== keyed[2] || (item[2] !== undefined && item[2] !== keyed[3])) throw invalid;
  if (Number.isNaN(Date.parse(indexSk.slice(0, indexSk.indexOf('#'))))) throw invalid;
  return { pk: `OBJ#${keyed[1]}`, sk, [index.pk]: partition, [index.sk]: indexSk };
}

function articleKey(item: Item): string {
  return `${String(item.pk)}#${String(item.version)}#${Number(item.articleIndex)}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const optional = <K extends string>(key: K, v: unknown): { [P in K]?: string } =>
  (str(v) === undefined ? {} : { [key]: str(v) }) as { [P in K]?: string };

function articleRef(item: Item): ArticleRef {
  const n = Number(String(item.sk).slice(String(item.sk).lastIndexOf('#') + 1));
  return {
    id: `${String(item.pk).slice(4)}-${n}`,
    bucket: String(item.bucket ?? ''),
    key: String(item.key ?? ''),
    ...optional('title', item.title),
    date: String(item.sortDate ?? ''),
    ...optional('published', item.published),
    ...optional('outlet', item.outlet),
    ...optional('url', item.url),
  };
}

function quoteOf(item: Item): QuoteView {
  const speaker = str(item.speaker);
  return {
    type: item.quoteType === 'indirect' ? 'indirect' : 'direct',
    text: String(item.text ?? ''),
    ...(item.textTruncated ? { textTruncated: true } : {}),
    start: Number(item.start),
    end: Number(item.end),
    ...(item.paragraph !== undefined ? { paragraph: Number(item.paragraph) } : {}),
    speaker: speaker
      ? {
          id: nameId(nameKey(speaker)),
          name: speaker,
          ...optional('type', item.speakerType),
          ...optional('role', item.speakerRole),
        }
      : null,
    ...(str(item.mention)
      ? {
          mention: {
            text: String(item.mention),
            start: Number(item.mentionStart),
            end: Number(item.mentionEnd),
          },
        }
      : {}),
    ...(str(item.cue)
      ? { cue: { text: String(item.cue), start: Number(item.cueStart), end: Number(item.cueEnd) } }
      : {}),
  };
}

function entityView(item: Item): EntityView {
  const name = String(item.name ?? '');
  const spans = Array.isArray(item.spans) ? (item.spans as unknown[]) : [];
  return {
    id: nameId(nameKey(name)),
    name,
    type: String(item.type ?? ''),
    mentions: Number(item.mentions ?? 0),
    spans: spans
      .filter((s): s is [number, number] => Array.isArray(s) && s.length === 2)
      .map(([start, end]) => [Number(start), Number(end)] as const),
    ...(item.spansTruncated ? { spansTruncated: true } : {}),
  };
}

function articleView(meta: Item, items: readonly Item[]): ArticleView {
  const ref = articleRef(meta);
  const subjects = Array.isArray(meta.subjects) ? meta.subjects.map(String) : undefined;
  return {
    ...ref,
    articleId: String(meta.articleId ?? meta.articleIndex),
    ...optional('format', meta.format),
    ...optional('deck', meta.deck),
    ...optional('byline', meta.byline),
    ...optional('dateline', meta.dateline),
    ...optional('modified', meta.modified),
    ...optional('language', meta.language),
    ...optional('section', meta.section),
    ...(subjects?.length ? { subjects } : {}),
    ...(typeof meta.body === 'string' ? { body: meta.body } : {}),
    ...(meta.bodyTruncated ? { bodyTruncated: true } : {}),
    entities: items
      .filter((i) => i.kind === 'entity')
      .map(entityView)
      .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)),
    quotes: items
      .filter((i) => i.kind === 'quote')
      .map(quoteOf)
      .sort((a, b) => a.start - b.start),
  };
}

function byFrequency(values: readonly unknown[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (typeof v === 'string' && v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
}

function mostFrequent(values: readonly unknown[]): string | undefined {
  return byFrequency(values)[0];
}
