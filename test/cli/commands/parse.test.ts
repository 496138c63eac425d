import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleInputLine, parseLine } from '../../../functions/cli/commands/parse.ts';

const FIX = new URL('../../fixtures/articles/', import.meta.url);
const b64 = (name: string) => readFileSync(new URL(name, FIX)).toString('base64');
const KEYS = [
  'id',
  'format',
  'title',
  'byline',
  'published',
  'outlet',
  'dateline',
  'url',
  'language',
  'body',
];

describe('parse --jsonl lines', () => {
  it('gives exactly the contract fields for a one-article file', () => {
    const out = handleInputLine(
      JSON.stringify({ id: 'n1', filename: 'nitf-3.6.xml', content_base64: b64('nitf-3.6.xml') }),
    );
    expect(Object.keys(out)).toEqual(KEYS);
    expect(out).toMatchObject({ id: 'n1', format: 'nitf', dateline: 'GOTHENBURG', url: null });
  });

  it('adds an articles list for a file holding several', () => {
    const out = handleInputLine(
      JSON.stringify({ id: 7, filename: 'x.jsonl', content_base64: b64('articles.jsonl') }),
    );
    expect(out.id).toBe(7);
    const articles = (out as unknown as { articles: Record<string, unknown>[] }).articles;
    expect(articles.map((a) => a.title)).toEqual([
      'Bakery wins national prize',
      'Heat warning issued',
      'Deleted story',
    ]);
    expect(articles[2]).toMatchObject({ retracted: true });
    for (const a of articles) expect(Object.keys(a).slice(0, 9)).toEqual(KEYS.slice(1));
  });

  it('reports unusable content and bad input lines with the id and an error', () => {
    expect(parseLine('p', 'x.pdf', new TextEncoder().encode('%PDF-1.4\n'))).toEqual({
      id: 'p',
      error: { reason: 'BINARY', message: 'the object is a PDF document, not text' },
    });
    expect(handleInputLine('{"id":"q"}')).toMatchObject({ id: 'q', error: { reason: 'BAD_INPUT' } });
    expect(handleInputLine('not json')).toMatchObject({ id: null, error: { reason: 'BAD_INPUT' } });
    expect(handleInputLine('{"id":"r","content_base64":"@@@"}')).toMatchObject({
      id: 'r',
      error: { reason: 'BAD_INPUT' },
    });
  });

  it('writes one line per input and nothing else on stdout, and exits 1 when an input could not be used', () => {
    const input = [
      JSON.stringify({ id: 'a', filename: 'page.html.gz', content_base64: b64('page.html.gz') }),
      JSON.stringify({ id: 'b', filename: 'empty.txt', content_base64: '' }),
      '',
      JSON.stringify({ id: 'c', filename: 'message.xml', content_base64: b64('newsml-g2-message.xml') }),
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'functions/cli/run.ts', 'parse', '--jsonl'], {
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'news-ingest parse: 1 input(s) could not be used (their lines carry "error")',
    ]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(parsed[0]).toMatchObject({ format: 'html', title: 'Solar farm opens on former coal site' });
    expect(parsed[1]).toEqual({ id: 'b', error: { reason: 'EMPTY', message: 'the object is empty' } });
    expect((parsed[2]!.articles as unknown[]).length).toBe(2);
  }, 60_000);
});
