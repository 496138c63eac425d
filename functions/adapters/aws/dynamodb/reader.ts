import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch.ts';
import type { Item } from './items.ts';
import { entityPk, objectPk, STATE_SK, speakerPk } from './keys.ts';

export interface StoredEntity {
  readonly name: string;
  readonly type: string;
  readonly mentions: number;
}

export interface StoredQuote {
  readonly type: 'direct' | 'indirect';
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly speaker: string | null;
  readonly speakerRole?: string;
  readonly mention?: string;
  readonly cue?: string;
  readonly paragraph?: number;
  readonly bucket: string;
  readonly key: string;
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

export interface ArticleMention {
  readonly bucket: string;
  readonly key: string;
  readonly articleIndex: number;
  readonly articleTitle?: string;
  readonly name: string;
  readonly type: string;
  readonly mentions: number;
  readonly sortDate: string;
}

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

  /** All quotes by a speaker, newest first: one Query of the bySpeaker index. */
  async quotesBySpeaker(name: string, limit = 100): Promise<StoredQuote[]> {
    const items = await this.queryLive('bySpeaker', 'gsi1pk', speakerPk(name), limit);
    return items.map(toQuote);
  }

  /** All articles mentioning an entity, newest first: one Query of the byEntity index. */
  async articlesByEntity(name: string, limit = 100): Promise<ArticleMention[]> {
    const items = await this.queryLive('byEntity', 'gsi2pk', entityPk(name), limit);
    return items.map((i) => ({
      bucket: String(i.bucket),
      key: String(i.key),
      articleIndex: Number(i.articleIndex),
      ...(i.articleTitle ? { articleTitle: String(i.articleTitle) } : {}),
      name: String(i.name),
      type: String(i.type),
      mentions: Number(i.mentions),
      sortDate: String(i.sortDate),
    }));
  }

  private async queryLive(index: string, keyName: string, keyValue: string, limit: number): Promise<Item[]> {
    const out: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index,
          KeyConditionExpression: '#k = :k',
          ExpressionAttributeNames: { '#k': keyName },
          ExpressionAttributeValues: { ':k': keyValue },
          ScanIndexForward: false,
          Limit: Math.min(limit * 2, 500),
          ExclusiveStartKey: startKey,
        }),
      );
      const items = (page.Items ?? []) as Item[];
      const live = await this.liveVersions(items.map((i) => String(i.pk)));
      for (const item of items) if (live.get(String(item.pk)) === item.version) out.push(item);
      startKey = page.LastEvaluatedKey;
    } while (startKey && out.length < limit);
    return out.slice(0, limit);
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
  return { name: String(item.name), type: String(item.type), mentions: Number(item.mentions) };
}

function toQuote(item: Item): StoredQuote {
  return {
    type: item.quoteType === 'indirect' ? 'indirect' : 'direct',
    text: String(item.text ?? ''),
    start: Number(item.start),
    end: Number(item.end),
    speaker: item.speaker === undefined ? null : String(item.speaker),
    ...(item.speakerRole ? { speakerRole: String(item.speakerRole) } : {}),
    ...(item.mention ? { mention: String(item.mention) } : {}),
    ...(item.cue ? { cue: String(item.cue) } : {}),
    ...(item.paragraph !== undefined ? { paragraph: Number(item.paragraph) } : {}),
    bucket: String(item.bucket),
    key: String(item.key),
    ...(item.articleTitle ? { articleTitle: String(item.articleTitle) } : {}),
    sortDate: String(item.sortDate),
  };
}
