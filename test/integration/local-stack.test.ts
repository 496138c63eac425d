import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#local/stack.ts';
import { partitionItemCount, startProjectStack } from './support.ts';

const SAMPLE = new URL('../../events/articles/harbor-bridge-vote.txt', import.meta.url);

const ARTICLE_A = `The Valley Herald

Water board raises rates for the first time in a decade

Board says pipes must be replaced

GREENFIELD -- The Greenfield water board voted on Monday to raise residential rates by 12 percent.

"Our pipes are older than most of the people in this room," said board chairman Victor Alvarez. "We cannot wait any longer."

Residents who spoke at the meeting said the increase would hurt retirees. Martha Jennings, a retired teacher, said she would ask the city council to phase it in.
`;

const ARTICLE_B = `The Valley Herald

Library reopens after two-year renovation

New reading rooms and a maker space

GREENFIELD -- The Greenfield public library reopened on Saturday after a renovation that added two reading rooms.

"This building belongs to everyone in Greenfield," said librarian Susan Cho. "We wanted it to feel that way."
`;

let stack: LocalStack;

beforeAll(async () => {
  stack = await startProjectStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('the local stack, end to end', () => {
  it('creates its resources from the template and runs the bundled function', () => {
    expect(stack.model.functions.length).toBeGreaterThan(0);
    expect(stack.model.functions[0]?.assetDir).toMatch(/cdk\.out[/\\]asset\./);
    expect(stack.bucket).toMatch(/^[a-z0-9.-]{3,63}$/);
    expect(stack.dlqUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(stack.queueUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(stack.endpoints.s3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.endpoints.dynamodb).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('upload -> entities and quotes in the table, queryable by speaker and by entity', async () => {
    const text = readFileSync(SAMPLE, 'utf8');
    const headline = text.split(/\r?\n/).filter((l) => l.trim())[1];
    const change = await stack.put('articles/harbor-bridge-vote.txt', text, { contentType: 'text/plain' });
    expect(change.versionId).toBeTruthy();
    const stored = await stack.waitFor(change, { timeoutMs: 30_000 });
    expect(stored?.status).toBe('processed');
    const article = stored?.articles[0];
    expect(article?.meta.title).toBe(headline);
    expect(article?.entities.length).toBeGreaterThan(0);
    expect(article?.entities.some((e) => e.type === 'PERSON')).toBe(true);
    const attributed = article?.quotes.find((q) => q.speaker);
    expect(attributed).toBeDefined();
    const bySpeaker = await stack.reader.quotesBySpeaker(attributed?.speaker as string);
    expect(bySpeaker.map((q) => q.key)).toContain('articles/harbor-bridge-vote.txt');
    const entity = article?.entities[0];
    const byEntity = await stack.reader.articlesByEntity(entity?.name as string);
    expect(byEntity.map((a) => a.key)).toContain('articles/harbor-bridge-vote.txt');
  });

  it('re-upload replaces the items: nothing of the old version remains', async () => {
    const key = 'articles/reused-key.txt';
    const first = await stack.waitFor(await stack.put(key, ARTICLE_A), { timeoutMs: 30_000 });
    expect(first?.status).toBe('processed');
    const oldNames = new Set(first?.articles[0]?.entities.map((e) => e.name));
    const oldSpeakers = new Set(first?.articles[0]?.quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])));
    expect(oldNames.size).toBeGreaterThan(0);
    expect(oldSpeakers.size).toBeGreaterThan(0);

    const second = await stack.waitFor(await stack.put(key, ARTICLE_B), { timeoutMs: 30_000 });
    expect(second?.articles[0]?.meta.title).toBe('Library reopens after two-year renovation');
    const newNames = new Set(second?.articles[0]?.entities.map((e) => e.name));
    for (const name of oldNames) {
      if (newNames.has(name)) continue;
      const mentions = await stack.reader.articlesByEntity(name);
      expect(
        mentions.map((m) => m.key),
        `entity ${name}`,
      ).not.toContain(key);
    }
    for (const speaker of oldSpeakers) {
      const quotes = await stack.reader.quotesBySpeaker(speaker);
      expect(quotes.filter((q) => q.key === key && !ARTICLE_B.includes(q.text))).toEqual([]);
    }
    // physically: the state item, the article, its entities, quotes and name items (one per
    // identity and lookup key, at least one per named entity); no item of the old version
    const a = second?.articles[0];
    const version = String(second?.state.version);
    const names = await partitionItemCount(stack, stack.bucket, key, { kind: 'name', version });
    const named = a?.entities.filter((e) => e.identity && !['MONEY', 'PERCENT', 'DATE'].includes(e.type));
    expect(names).toBeGreaterThanOrEqual(new Set(named?.map((e) => e.identity)).size);
    const expected =
      1 + (second?.articles.length ?? 0) + (a?.entities.length ?? 0) + (a?.quotes.length ?? 0) + names;
    expect(await partitionItemCount(stack, stack.bucket, key)).toBe(expected);
  });

  it('delete removes every derived item', async () => {
    const key = 'articles/to-delete.txt';
    const created = await stack.waitFor(await stack.put(key, ARTICLE_A), { timeoutMs: 30_000 });
    const speaker = created?.articles[0]?.quotes.find((q) => q.speaker)?.speaker as string;
    const entity = created?.articles[0]?.entities[0]?.name as string;
    expect((await stack.reader.quotesBySpeaker(speaker)).map((q) => q.key)).toContain(key);

    const removal = await stack.delete(key);
    expect(removal?.eventName).toBe('ObjectRemoved:DeleteMarkerCreated');
    const after = await stack.waitFor(removal as NonNullable<typeof removal>, { timeoutMs: 30_000 });
    expect(after?.status).toBe('deleted');
    expect(after?.articles).toEqual([]);
    expect((await stack.reader.quotesBySpeaker(speaker)).map((q) => q.key)).not.toContain(key);
    expect((await stack.reader.articlesByEntity(entity)).map((m) => m.key)).not.toContain(key);
    // only the tombstone that orders later events is left
    expect(await partitionItemCount(stack, stack.bucket, key)).toBe(1);
  });

  it('index answers carry every field the table holds for a quote and an entity (INCLUDE projections)', async () => {
    const stored = await stack.waitFor(await stack.put('articles/projection.txt', ARTICLE_A), {
      timeoutMs: 30_000,
    });
    const article = stored?.articles[0];
    const quote = article?.quotes.find((q) => q.speaker);
    expect(quote).toBeDefined();
    const viaIndex = (await stack.reader.quotesBySpeaker(quote?.speaker as string)).find(
      (q) => q.key === 'articles/projection.txt' && q.start === quote?.start,
    );
    expect(viaIndex).toEqual(quote);
    const entity = article?.entities[0];
    const mention = (await stack.reader.articlesByEntity(entity?.name as string)).find(
      (m) => m.key === 'articles/projection.txt',
    );
    expect(mention).toMatchObject({
      name: entity?.name,
      type: entity?.type,
      mentions: entity?.mentions,
      identity: entity?.identity,
    });
    expect(mention?.articleTitle).toBe(article?.meta.title);
    // the name items a search sums are answered by the indexes too
    const search = await stack.reader.searchSpeakers(quote?.speaker as string);
    expect(search.matches.map((m) => m.identity)).toContain(quote?.speakerId);
    expect(search.matches.find((m) => m.identity === quote?.speakerId)?.quotes).toBeGreaterThan(0);
  });

  it('versioned deletes: a non-current version removed changes nothing; a delete marker removed restores', async () => {
    const key = 'articles/versions.txt';
    const v1 = await stack.put(key, ARTICLE_A);
    const v2 = await stack.put(key, ARTICLE_B);
    await stack.waitFor(v2, { timeoutMs: 30_000 });
    const removal = await stack.delete(key, { versionId: v1.versionId as string });
    expect(removal).toMatchObject({ eventName: 'ObjectRemoved:Delete', versionId: v1.versionId });
    const after = await stack.waitFor(removal as NonNullable<typeof removal>, { timeoutMs: 30_000 });
    expect(after?.status).toBe('processed');
    expect(after?.state.versionId).toBe(v2.versionId);
    expect(after?.articles[0]?.meta.title).toBe('Library reopens after two-year renovation');

    const marker = await stack.delete(key);
    expect((await stack.waitFor(marker as NonNullable<typeof marker>, { timeoutMs: 30_000 }))?.status).toBe(
      'deleted',
    );
    const restore = await stack.delete(key, { versionId: marker?.versionId as string });
    const restored = await stack.waitFor(restore as NonNullable<typeof restore>, { timeoutMs: 30_000 });
    expect(restored?.status).toBe('processed');
    expect(restored?.state.versionId).toBe(v2.versionId);
    expect(restored?.articles[0]?.meta.title).toBe('Library reopens after two-year renovation');
    // the state item and the restored version's article, entities, quotes and name items only
    const version = String(restored?.state.version);
    const names = await partitionItemCount(stack, stack.bucket, key, { kind: 'name', version });
    expect(names).toBeGreaterThan(0);
    expect(await partitionItemCount(stack, stack.bucket, key)).toBe(
      1 +
        1 +
        (restored?.articles[0]?.entities.length ?? 0) +
        (restored?.articles[0]?.quotes.length ?? 0) +
        names,
    );
  });

  it('a bad file gets a failure item with a reason, and is not retried', async () => {
    const binary = new Uint8Array(4096);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 37 + 11) % 256;
    const bad = await stack.waitFor(await stack.put('articles/broken.txt', binary), { timeoutMs: 30_000 });
    expect(bad?.status).toBe('failed');
    expect(bad?.failure?.reason).toMatch(/^[A-Z_]+$/);
    const empty = await stack.waitFor(await stack.put('articles/empty.txt', ''), { timeoutMs: 30_000 });
    expect(empty?.status).toBe('failed');
    expect(empty?.failure?.reason).toBe('EMPTY');
  });

  it('a key with spaces, unicode, + and % is decoded to the exact key', async () => {
    const key = 'incoming/2026 11/über café+1 100% (draft).txt';
    const stored = await stack.waitFor(await stack.put(key, ARTICLE_B), { timeoutMs: 30_000 });
    expect(stored?.status).toBe('processed');
    expect(stored?.key).toBe(key);
    expect(stored?.state.key).toBe(key);
  });

  it('a gzip upload with Content-Encoding: gzip is read as its text', async () => {
    const body = gzipSync(Buffer.from(ARTICLE_B, 'utf8'));
    const change = await stack.put('articles/library.txt', body, {
      contentType: 'text/plain',
      contentEncoding: 'gzip',
    });
    const stored = await stack.waitFor(change, { timeoutMs: 30_000 });
    expect(stored?.status).toBe('processed');
    expect(stored?.articles[0]?.meta.title).toBe('Library reopens after two-year renovation');
  });

  it('skipped the s3:TestEvent, and nothing went to the dead-letter queue', async () => {
    await stack.flushNotifications();
    const stats = stack.pollers[0]?.stats;
    expect(stats?.invokeErrors).toBe(0);
    expect(stats?.failed).toBe(0);
    expect(await stack.queueDepth(stack.dlqUrl as string)).toBe(0);
  });
});
