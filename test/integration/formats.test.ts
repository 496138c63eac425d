import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseObject } from '#core/article/parse.ts';
import type { LocalStack } from '#local/stack.ts';
import { startProjectStack } from './support.ts';

const FIXTURES = new URL('../fixtures/articles/', import.meta.url);
const files = readdirSync(FIXTURES).sort();

let stack: LocalStack;

beforeAll(async () => {
  stack = await startProjectStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('every article format, through the local stack into the table', () => {
  it('has fixtures of every format', () => {
    const formats = new Set(
      files
        .flatMap((f) => parseObject(new Uint8Array(readFileSync(new URL(f, FIXTURES))), { filename: f }))
        .map((a) => a.format),
    );
    expect([...formats].sort()).toEqual(['html', 'json', 'markdown', 'newsml-g2', 'nitf', 'text']);
  });

  it('stores each fixture with the metadata its parser reads, minus retracted articles', async () => {
    const changes = await Promise.all(
      files.map(async (f) => ({
        f,
        change: await stack.put(`fixtures/${f}`, readFileSync(new URL(f, FIXTURES))),
      })),
    );
    for (const { f, change } of changes) {
      const expected = parseObject(new Uint8Array(readFileSync(new URL(f, FIXTURES))), { filename: f });
      const live = expected.filter((a) => !a.retracted);
      const stored = await stack.waitFor(change, { timeoutMs: 60_000 });
      expect(stored?.status, f).toBe('processed');
      expect(stored?.articles.length, f).toBe(live.length);
      live.forEach((article, i) => {
        const meta = stored?.articles[i]?.meta;
        expect(meta?.format, f).toBe(article.format);
        expect(meta?.title, f).toBe(article.title);
        for (const field of ['byline', 'published', 'outlet', 'dateline', 'url', 'language'] as const) {
          if (article[field]) expect(meta?.[field], `${f} ${field}`).toBe(article[field]);
        }
      });
    }
  });
});
