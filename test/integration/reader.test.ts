import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#adapters/aws/clients.ts';
import { batchWrite, putRequest } from '#adapters/aws/dynamodb/batch.ts';
import { versionItems } from '#adapters/aws/dynamodb/items.ts';
import { versionOf } from '#adapters/aws/dynamodb/keys.ts';
import { ArticleReader, type StoredQuote } from '#adapters/aws/dynamodb/reader.ts';
import { DynamoArticleStore } from '#adapters/aws/dynamodb/store.ts';
import { groupEntities } from '#core/nlp/entities/group.ts';
import type { EntityMention, Quote } from '#core/types.ts';
import type { ObjectEvent, ObjectOutcome } from '#ingest/ports.ts';
import { type DynamoEmulator, startDynamo } from '../../local/emulators/dynamodb.ts';
import { createArticlesTable } from '../support/articles-table.ts';

/**
 * The reader's search methods against DynamoDB Local: a name resolves through the name items to
 * its identities with their counts, quotes and articles page newest first across the partitions of
 * a person and of the bare surname, and nothing uncommitted or deleted ever shows.
 */

const BUCKET = 'articles';
const CONTEXT = { extractorVersion: 'test', processedAt: '2026-11-27T12:00:00.000Z' };

let ddb: DynamoEmulator | undefined;
let raw: DynamoDBClient;
let docs: DynamoDBDocumentClient;
let store: DynamoArticleStore;
let reader: ArticleReader;
const table = 'articles-reader';

/** An article in which `speaker` (a full name or a bare surname) says `count` things. */
function outcome(speaker: string, count: number, topic: string): ObjectOutcome {
  const lines = [`${speaker} spoke about the ${topic}.`];
  for (let i = 0; i < count; i++) lines.push(`"Point ${i} on the ${topic} stands," ${speaker} said.`);
  const body = lines.join('\n\n');
  const entities: EntityMention[] = [];
  const quotes: Quote[] = [];
  let from = 0;
  for (;;) {
    const at = body.indexOf(speaker, from);
    if (at < 0) break;
    entities.push({ type: 'PERSON', text: speaker, start: at, end: at + speaker.length, canonical: speaker });
    from = at + speaker.length;
  }
  for (let i = 0; i < count; i++) {
    const text = `"Point ${i} on the ${topic} stands,"`;
    const start = body.indexOf(text);
    const m = entities[i + 1]!;
    quotes.push({
      type: 'direct',
      text,
      start,
      end: start + text.length,
      cue: null,
      speaker: { name: speaker, type: 'PERSON', mention: { text: m.text, start: m.start, end: m.end } },
    });
  }
  return {
    status: 'processed',
    contentHash: topic,
    format: 'text',
    retracted: 0,
    articles: [
      {
        index: 0,
        articleId: '0',
        article: { format: 'text', title: `On the ${topic}`, body },
        extraction: { entities, quotes },
        entities: groupEntities(entities),
      },
    ],
  };
}

const event = (key: string, minute: number, sequencer = '0A'): ObjectEvent => ({
  kind: 'created',
  ref: { bucket: BUCKET, key },
  sequencer,
  eventTime: `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`,
});

beforeAll(async () => {
  ddb = await startDynamo({ prefer: 'dynamodb-local', log: () => {}, readyTimeoutMs: 150_000 });
  raw = new DynamoDBClient({
    endpoint: ddb.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  docs = documentClient(raw);
  await createArticlesTable(raw, table);
  store = new DynamoArticleStore(docs, table, { wait: async () => {} });
  reader = new ArticleReader(docs, table);
  // Ines Marr named in full in four articles, by her surname alone in two; Piet Marr nowhere yet.
  const plan: [string, number][] = [
    ['Ines Marr', 3],
    ['Marr', 2],
    ['Ines Marr', 1],
    ['Ines Marr', 4],
    ['Marr', 1],
    ['Ines Marr', 2],
  ];
  for (const [i, [speaker, count]] of plan.entries())
    await store.commit(event(`marr/${i}.txt`, i), outcome(speaker, count, `harbor ${i}`), CONTEXT);
}, 200_000);

afterAll(async () => {
  raw?.destroy();
  await ddb?.stop();
});

/** Every page of a speaker's quotes, following the cursors. */
async function allPages(
  ids: readonly string[],
  limit: number,
): Promise<{ pages: number; quotes: StoredQuote[] }> {
  const quotes: StoredQuote[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await reader.speakerQuotes(ids, { limit, ...(cursor ? { cursor } : {}) });
    quotes.push(...page.items);
    cursor = page.cursor;
    pages++;
  } while (cursor && pages < 50);
  return { pages, quotes };
}

describe('ArticleReader search methods', () => {
  it('resolves a surname to the one person of that name, with the articles that give only the surname', async () => {
    const search = await reader.searchSpeakers('Marr');
    expect(search.resolved).toEqual(['ines marr', 'marr']);
    expect(search.complete).toBe(true);
    expect(search.matches.map((m) => [m.identity, m.quotes, m.articles])).toEqual([
      ['ines marr', 10, 4],
      ['marr', 3, 2],
    ]);
  });

  it('pages the quotes of both partitions newest first, each once, whatever the page size', async () => {
    const ids = ['ines marr', 'marr'];
    const { quotes: all } = await allPages(ids, 1000);
    expect(all).toHaveLength(13);
    const dates = all.map((q) => q.sortDate);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const limit of [1, 2, 3, 5]) {
      const { pages, quotes } = await allPages(ids, limit);
      expect(
        quotes.map((q) => `${q.key}:${q.start}`),
        `limit ${limit}`,
      ).toEqual(all.map((q) => `${q.key}:${q.start}`));
      expect(pages).toBe(Math.ceil(13 / limit));
    }
  });

  it('counts lower bounds when more name items match than it may read', async () => {
    const search = await reader.searchSpeakers('Marr', { maxItems: 2 });
    expect(search.complete).toBe(false);
    expect(search.matches.reduce((n, m) => n + m.articles, 0)).toBe(2);
  });

  it('finds entities and pages their articles', async () => {
    const search = await reader.searchEntities('Ines Marr');
    expect(search.resolved).toEqual(['ines marr']);
    expect(search.matches[0]).toMatchObject({ identity: 'ines marr', articles: 4, types: ['PERSON'] });
    const first = await reader.entityArticles(search.resolved, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const rest = await reader.entityArticles(search.resolved, { limit: 3, cursor: first.cursor as string });
    expect(rest.cursor).toBeUndefined();
    const keys = [...first.items, ...rest.items].map((a) => a.key);
    expect(keys).toEqual(['marr/5.txt', 'marr/3.txt', 'marr/2.txt', 'marr/0.txt']);
    const article = await reader.getArticle(BUCKET, 'marr/3.txt');
    expect(article?.quotes).toHaveLength(4);
    expect(article?.entities[0]).toMatchObject({ identity: 'ines marr', aliases: ['Ines Marr'] });
  });

  it('shows no uncommitted version: a newer version written but not committed changes nothing', async () => {
    const newer = event('marr/0.txt', 30, '0B');
    const items = versionItems(newer, outcome('Piet Marr', 5, 'quay'), versionOf('0B', 'test'), CONTEXT);
    await batchWrite(docs, table, items.map(putRequest));
    const search = await reader.searchSpeakers('Marr');
    expect(search.matches.map((m) => m.identity)).toEqual(['ines marr', 'marr']);
    expect((await reader.searchSpeakers('Piet Marr')).matches).toEqual([]);
    // committed, the surname becomes ambiguous and lists both people
    await store.commit(newer, outcome('Piet Marr', 5, 'quay'), CONTEXT);
    const after = await reader.searchSpeakers('Marr');
    expect(after.resolved).toEqual([]);
    expect(after.matches.map((m) => [m.identity, m.quotes])).toEqual([
      ['ines marr', 7],
      ['piet marr', 5],
      ['marr', 3],
    ]);
  });

  it('shows nothing of a deleted object', async () => {
    await store.remove({ ...event('marr/0.txt', 40, '0C'), kind: 'removed' }, CONTEXT);
    const search = await reader.searchSpeakers('Marr');
    expect(search.matches.map((m) => m.identity)).toEqual(['ines marr', 'marr']);
    expect(await reader.quotesBySpeaker('Piet Marr')).toEqual([]);
  });

  it('still finds items written before identity keys, by the name key they were stored under', async () => {
    const stored = await reader.getObject(BUCKET, 'marr/1.txt');
    const version = String(stored?.state.version);
    const pk = String(stored?.state.pk);
    await docs.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk,
          sk: `V#${version}#A#00000#Q#00900`,
          version,
          kind: 'quote',
          bucket: BUCKET,
          key: 'marr/1.txt',
          articleIndex: 0,
          quoteType: 'direct',
          text: 'an old quote',
          start: 0,
          end: 12,
          speaker: 'Odile Quarrie-Mann',
          speakerType: 'PERSON',
          gsi1pk: 'SPEAKER#odile quarrie-mann',
          gsi1sk: `2026-01-01T00:00:00.000Z#${pk.slice(4)}#00000#00900`,
          sortDate: '2026-01-01T00:00:00.000Z',
        },
      }),
    );
    const search = await reader.searchSpeakers('Odile  QUARRIE-MANN');
    expect(search.resolved).toEqual(['odile quarrie-mann']);
    expect(search.matches).toEqual([expect.objectContaining({ name: 'Odile Quarrie-Mann', quotes: 1 })]);
    expect((await reader.quotesBySpeaker('Odile Quarrie-Mann')).map((q) => q.text)).toEqual(['an old quote']);
  });

  it('refuses a cursor of another query', async () => {
    const page = await reader.speakerQuotes(['ines marr', 'marr'], { limit: 2 });
    await expect(reader.speakerQuotes(['ines marr'], { cursor: page.cursor as string })).rejects.toThrow(
      /invalid cursor/,
    );
    await expect(reader.speakerQuotes(['ines marr'], { cursor: 'not-a-cursor' })).rejects.toThrow(
      /invalid cursor/,
    );
  });
});
