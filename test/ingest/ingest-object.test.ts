import { describe, expect, it } from 'vitest';
import { UnusableContentError } from '../../functions/core/errors.ts';
import { ObjectGoneError } from '../../functions/ingest/errors.ts';
import { DEFAULT_INGEST_LIMITS, ingestObject } from '../../functions/ingest/ingest-object.ts';
import type { ObjectEvent, ObjectRef, ObjectSource } from '../../functions/ingest/ports.ts';
import { MemoryStore } from '../support/memory-store.ts';

const ARTICLE = `Daily Planet

Mayor opens new bridge

Officials expect traffic to ease

METROPOLIS -- Mayor Ann Lee opened the bridge on Monday.

"This bridge joins two halves of our city," Lee said.
`;

class FakeSource implements ObjectSource {
  fetched = 0;
  constructor(private readonly objects: Map<string, Uint8Array | Error>) {}
  async fetch(ref: ObjectRef, maxBytes: number) {
    this.fetched++;
    const body = this.objects.get(ref.key);
    if (body === undefined) throw new ObjectGoneError('gone');
    if (body instanceof Error) throw body;
    if (body.length > maxBytes) throw new UnusableContentError('TOO_LARGE', 'too large');
    return { bytes: body };
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
    const { store, deps } = setup({ 'a.txt': text(ARTICLE) });
    expect(await ingestObject(deps, event('a.txt', '05', 'removed'))).toEqual({
      action: 'removed',
      commit: 'committed',
    });
    expect(await ingestObject(deps, event('a.txt', '03'))).toEqual({ action: 'skipped', why: 'stale' });
    expect(store.objects.get('articles\na.txt')?.state.status).toBe('deleted');
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
