import { describe, expect, it } from 'vitest';
import { UnusableContentError } from '../../functions/core/errors.ts';
import { ObjectGoneError } from '../../functions/ingest/errors.ts';
import { DEFAULT_INGEST_LIMITS, extractionText, ingestObject } from '../../functions/ingest/ingest-object.ts';
import type { ObjectEvent, ObjectRef, ObjectSource } from '../../functions/ingest/ports.ts';
import { MemoryStore } from '../support/memory-store.ts';
import { VersionedBucket } from '../support/versioned-bucket.ts';

const ARTICLE = `Daily Planet

Mayor opens new bridge

Officials expect traffic to ease

METROPOLIS -- Mayor Ann Lee opened the bridge on Monday.

"This bridge joins two halves of our city," Lee said.
`;

class FakeSource implements ObjectSource {
  fetched = 0;
  constructor(private readonly objects: Map<string, Uint8Array | Error>) {}
  remove(key: string) {
    this.objects.delete(key);
  }
  add(key: string, body: Uint8Array) {
    this.objects.set(key, body);
  }
  async fetch(ref: ObjectRef, maxBytes: number) {
    this.fetched++;
    const body = this.objects.get(ref.key);
    if (body === undefined) throw new ObjectGoneError('gone');
    if (body instanceof Error) throw body;
    if (body.length > maxBytes) throw new UnusableContentError('TOO_LARGE', 'too large');
    return { bytes: body };
  }
  async current(ref: ObjectRef) {
    const body = this.objects.get(ref.key);
    return body instanceof Uint8Array ? { size: body.length } : undefined;
  }
}

const event = (key: string, sequencer: string, kind: ObjectEvent['kind'] = 'created'): ObjectEvent => ({
  kind,
  ref: { bucket: 'articles', key },
  sequencer,
  eventTime: '2026-11-27T10:00:00.000Z',
});

function setup(objects: Record<string, Uint8Array | Error>) {
  const store = new MemoryStore();
  const source = new FakeSource(new Map(Object.entries(objects)));
  const deps = { store, source, now: () => new Date('2026-11-27T10:00:01.000Z') };
  return { store, source, deps };
}

const text = (s: string) => new TextEncoder().encode(s);

describe('ingestObject', () => {
  it('parses, extracts and commits an article', async () => {
    const { store, deps } = setup({ 'a.txt': text(ARTICLE) });
    const result = await ingestObject(deps, event('a.txt', '01'));
    expect(result).toEqual({ action: 'stored', outcome: 'processed', commit: 'committed' });
    const entry = store.objects.get('articles\na.txt');
    expect(entry?.outcome?.status).toBe('processed');
    if (entry?.outcome?.status !== 'processed') return;
    const [article] = entry.outcome.articles;
    expect(article?.article.title).toBe('Mayor opens new bridge');
    expect(article?.extraction.quotes.length).toBeGreaterThan(0);
    for (const m of article?.extraction.entities ?? []) {
      expect(article?.article.body.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it('skips a duplicate and an older event without fetching', async () => {
    const { source, store, deps } = setup({ 'a.txt': text(ARTICLE) });
    await ingestObject(deps, event('a.txt', '02'));
    expect(await ingestObject(deps, event('a.txt', '02'))).toEqual({ action: 'skipped', why: 'duplicate' });
    expect(await ingestObject(deps, event('a.txt', '01'))).toEqual({ action: 'skipped', why: 'stale' });
    expect(source.fetched).toBe(1);
    expect(store.commits).toBe(1);
  });

  it('records unusable content as a failure instead of throwing', async () => {
    const { store, deps } = setup({
      'empty.txt': new Uint8Array(0),
      'bin.dat': new Uint8Array([0x89, 0x50, 0, 1, 2]),
    });
    expect(await ingestObject(deps, event('empty.txt', '01'))).toMatchObject({ outcome: 'failed' });
    expect(await ingestObject(deps, event('bin.dat', '01'))).toMatchObject({ outcome: 'failed' });
    const failure = store.objects.get('articles\nempty.txt')?.outcome;
    expect(failure).toMatchObject({ status: 'failed', reason: 'EMPTY' });
  });

  it('refuses objects over the size cap from the event size, without reading them', async () => {
    const { source, store, deps } = setup({ 'big.txt': text('x') });
    const big = { ...event('big.txt', '01'), size: DEFAULT_INGEST_LIMITS.maxObjectBytes + 1 };
    expect(await ingestObject(deps, big)).toMatchObject({ outcome: 'failed' });
    expect(source.fetched).toBe(0);
    expect(store.objects.get('articles\nbig.txt')?.outcome).toMatchObject({ reason: 'TOO_LARGE' });
  });

  it('lets transient faults propagate so the event is retried', async () => {
    const { store, deps } = setup({ 'a.txt': new Error('SlowDown') });
    await expect(ingestObject(deps, event('a.txt', '01'))).rejects.toThrow('SlowDown');
    expect(store.objects.size).toBe(0);
  });

  it('skips an object that no longer exists (its removal event will follow)', async () => {
    const { store, deps } = setup({});
    expect(await ingestObject(deps, event('gone.txt', '01'))).toEqual({ action: 'skipped', why: 'gone' });
    expect(store.objects.size).toBe(0);
  });

  it('removes on delete, and an older create arriving later does not resurrect', async () => {
    const { store, deps, source } = setup({ 'a.txt': text(ARTICLE) });
    source.remove('a.txt');
    expect(await ingestObject(deps, event('a.txt', '05', 'removed'))).toEqual({
      action: 'removed',
      commit: 'committed',
    });
    expect(await ingestObject(deps, event('a.txt', '03'))).toEqual({ action: 'skipped', why: 'stale' });
    expect(store.objects.get('articles\na.txt')?.state.status).toBe('deleted');
    source.add('a.txt', text(ARTICLE));
    expect(await ingestObject(deps, event('a.txt', '07'))).toMatchObject({
      action: 'stored',
      outcome: 'processed',
    });
  });
});

describe('body size cap', () => {
  it('records an article body over the cap as TOO_LARGE instead of extracting it', async () => {
    const { store, deps } = setup({ 'long.txt': text(`${'word '.repeat(30)}\n\n${'"'.repeat(2000)}`) });
    const result = await ingestObject(deps, event('long.txt', '01'), {
      ...DEFAULT_INGEST_LIMITS,
      maxBodyChars: 1000,
    });
    expect(result).toMatchObject({ outcome: 'failed' });
    expect(store.objects.get('articles\nlong.txt')?.outcome).toMatchObject({
      status: 'failed',
      reason: 'TOO_LARGE',
    });
  });
});

describe('versioned deletes (S3 versioning semantics, real-shaped events)', () => {
  const V1 = ARTICLE;
  const V2 = ARTICLE.replace('Mayor opens new bridge', 'Bridge reopens after repairs');
  const titleOf = (store: MemoryStore, key: string) => {
    const outcome = store.objects.get(`articles\n${key}`)?.outcome;
    return outcome?.status === 'processed' ? outcome.articles[0]?.article.title : undefined;
  };
  const setupBucket = () => {
    const bucket = new VersionedBucket();
    const store = new MemoryStore();
    const deps = { store, source: bucket, now: () => new Date('2026-11-27T10:00:01.000Z') };
    return { bucket, store, deps };
  };

  it('removing a non-current version changes nothing', async () => {
    const { bucket, store, deps } = setupBucket();
    const v1 = bucket.put('a.txt', V1);
    const v2 = bucket.put('a.txt', V2);
    await ingestObject(deps, v1);
    await ingestObject(deps, v2);
    const removal = bucket.deleteVersion('a.txt', v1.ref.versionId as string);
    expect(removal).toMatchObject({ kind: 'removed', ref: { versionId: v1.ref.versionId } });
    expect(removal.deleteMarker).toBeUndefined();
    const fetched = bucket.fetched;
    expect(await ingestObject(deps, removal)).toEqual({ action: 'skipped', why: 'noncurrent' });
    expect(bucket.fetched).toBe(fetched);
    expect(store.objects.get('articles\na.txt')?.state).toMatchObject({
      status: 'processed',
      versionId: v2.ref.versionId,
    });
    expect(titleOf(store, 'a.txt')).toBe('Bridge reopens after repairs');
  });

  it('a delete marker on top deletes the article', async () => {
    const { bucket, store, deps } = setupBucket();
    await ingestObject(deps, bucket.put('a.txt', V1));
    const marker = bucket.delete('a.txt');
    expect(marker.deleteMarker).toBe(true);
    expect(await ingestObject(deps, marker)).toEqual({ action: 'removed', commit: 'committed' });
    expect(store.objects.get('articles\na.txt')?.state.status).toBe('deleted');
  });

  it('removing the delete marker re-reads and re-ingests the version it uncovers', async () => {
    const { bucket, store, deps } = setupBucket();
    const v1 = bucket.put('a.txt', V1);
    await ingestObject(deps, v1);
    const marker = bucket.delete('a.txt');
    await ingestObject(deps, marker);
    const restore = bucket.deleteVersion('a.txt', marker.ref.versionId as string);
    expect(await ingestObject(deps, restore)).toEqual({
      action: 'stored',
      outcome: 'processed',
      commit: 'committed',
    });
    expect(store.objects.get('articles\na.txt')?.state).toMatchObject({
      status: 'processed',
      versionId: v1.ref.versionId,
    });
    expect(titleOf(store, 'a.txt')).toBe('Mayor opens new bridge');
  });

  it('permanently deleting the latest version brings back the one below it', async () => {
    const { bucket, store, deps } = setupBucket();
    const v1 = bucket.put('a.txt', V1);
    const v2 = bucket.put('a.txt', V2);
    await ingestObject(deps, v1);
    await ingestObject(deps, v2);
    await ingestObject(deps, bucket.deleteVersion('a.txt', v2.ref.versionId as string));
    expect(store.objects.get('articles\na.txt')?.state.versionId).toBe(v1.ref.versionId);
    expect(titleOf(store, 'a.txt')).toBe('Mayor opens new bridge');
  });

  it('permanently deleting the only version deletes the article', async () => {
    const { bucket, store, deps } = setupBucket();
    const v1 = bucket.put('a.txt', V1);
    await ingestObject(deps, v1);
    expect(await ingestObject(deps, bucket.deleteVersion('a.txt', v1.ref.versionId as string))).toEqual({
      action: 'removed',
      commit: 'committed',
    });
    expect(store.objects.get('articles\na.txt')?.state.status).toBe('deleted');
  });

  it('every delivery order of a history ends where the bucket is', async () => {
    const histories: ((b: VersionedBucket) => ObjectEvent[])[] = [
      (b) => {
        const v1 = b.put('k.txt', V1);
        const v2 = b.put('k.txt', V2);
        return [v1, v2, b.deleteVersion('k.txt', v1.ref.versionId as string)];
      },
      (b) => {
        const v1 = b.put('k.txt', V1);
        const marker = b.delete('k.txt');
        return [v1, marker, b.deleteVersion('k.txt', marker.ref.versionId as string)];
      },
      (b) => {
        const v1 = b.put('k.txt', V1);
        const v2 = b.put('k.txt', V2);
        return [v1, v2, b.deleteVersion('k.txt', v2.ref.versionId as string)];
      },
      (b) => {
        const v1 = b.put('k.txt', V1);
        const marker = b.delete('k.txt');
        const v2 = b.put('k.txt', V2);
        return [v1, marker, v2, b.deleteVersion('k.txt', v2.ref.versionId as string)];
      },
    ];
    for (const history of histories) {
      for (const order of permutations(history(new VersionedBucket()).length)) {
        const { bucket, store, deps } = setupBucket();
        const events = history(bucket);
        for (const i of order) await ingestObject(deps, events[i] as ObjectEvent);
        const expected = bucket.currentText('k.txt');
        const state = store.objects.get('articles\nk.txt')?.state;
        if (expected === undefined) expect(state?.status, `order ${order}`).toBe('deleted');
        else {
          expect(state?.status, `order ${order}`).toBe('processed');
          expect(titleOf(store, 'k.txt'), `order ${order}`).toBe(expected.split('\n')[2]);
        }
      }
    }
  });
});

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}

describe('extraction cap', () => {
  it('extracts only up to the cap, cut at a boundary, and flags the article', async () => {
    const paragraph = '"We will rebuild the pier," said Mayor Ann Lee on Monday. The council agreed.';
    const body = Array.from({ length: 40 }, () => paragraph).join('\n\n');
    const { store, deps } = setup({ 'long.txt': text(`Daily Planet\n\nPier plan\n\n${body}\n`) });
    await ingestObject(deps, event('long.txt', '01'), { ...DEFAULT_INGEST_LIMITS, maxExtractChars: 1000 });
    const outcome = store.objects.get('articles\nlong.txt')?.outcome;
    if (outcome?.status !== 'processed') throw new Error('not processed');
    const [result] = outcome.articles;
    expect(result?.extractedChars).toBeLessThanOrEqual(1000);
    expect(result?.extractedChars).toBeGreaterThan(900);
    expect(result?.article.body.length).toBeGreaterThan(3000);
    for (const q of result?.extraction.quotes ?? []) expect(q.end).toBeLessThanOrEqual(1000);
    expect(result?.extraction.quotes.length).toBeGreaterThan(5);
  });

  it.each([
    ['a paragraph break', `${'a'.repeat(95)}\n\n${'b'.repeat(20)}`, 'a'.repeat(95)],
    ['a sentence end', `${'word '.repeat(18)}ends. Next${'c'.repeat(20)}`, `${'word '.repeat(18)}ends.`],
    ['a space', `${'x'.repeat(95)} ${'y'.repeat(20)}`, 'x'.repeat(95)],
    ['nothing: at the cap, whole surrogate pairs', `${'z'.repeat(99)}😀${'z'.repeat(20)}`, 'z'.repeat(99)],
  ])('cuts at %s', (_what, input, expected) => {
    expect(extractionText(input, 100)).toBe(expected);
  });

  it('leaves a body under the cap whole', () => {
    expect(extractionText('short text', 100)).toBe('short text');
  });
});
