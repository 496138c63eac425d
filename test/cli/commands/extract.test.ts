import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command, extractLine } from '../../../functions/cli/commands/extract.ts';
import { captureOutput } from '../../support/capture.ts';

const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command in this process; returns its exit code, stdout and stderr. */
const runCommand = (argv: string[]) => captureOutput(() => command.run(argv));

describe('extract --jsonl lines', () => {
  it('writes {id, error: {reason, message}} and nothing else for an unusable input', () => {
    const bad = extractLine('{"id": "a"}');
    expect(bad).toEqual({ id: 'a', error: { reason: 'BAD_INPUT', message: '"text" must be a string' } });
    expect(Object.keys(extractLine('not json'))).toEqual(['id', 'error']);
    expect(extractLine('[1]')).toMatchObject({ id: null, error: { reason: 'BAD_INPUT' } });
    const huge = extractLine(JSON.stringify({ id: 7, text: 'word '.repeat(200_001) }));
    expect(huge).toMatchObject({ id: 7, error: { reason: 'TOO_LARGE' } });
    expect((huge as { error: { message: string } }).error.message).toMatch(
      /1000005 characters, over the 1000000-character limit/,
    );
  });

  it('extracts a usable line as before', () => {
    const out = extractLine(JSON.stringify({ id: 'ok', text: '"We will win," said Ann Lee, the coach.' }));
    expect(Object.keys(out)).toEqual(['id', 'entities', 'quotes']);
  });

  it('exits 1 when any input could not be used, after one line per input', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'The mayor spoke on Monday.' }),
      '{"id":"b","text":3}',
      '',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'functions/cli/run.ts', 'extract', '--jsonl'], {
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveProperty('entities');
    expect(lines[1]).toEqual({ id: 'b', error: { reason: 'BAD_INPUT', message: '"text" must be a string' } });
    expect(r.stderr.trim().split('\n')).toEqual([
      'news-ingest extract: 1 input(s) could not be used (their lines carry "error")',
    ]);
  }, 60_000);
});

describe('extract FILE applies the pipeline limits', () => {
  it('refuses a file over the object size limit without reading it', async () => {
    const file = join(dir, 'huge.txt');
    writeFileSync(file, '');
    truncateSync(file, 10 * 1024 * 1024 + 1);
    const r = await runCommand([file]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      file,
      error: { reason: 'TOO_LARGE', message: 'object is 10485761 bytes, over the 10485760-byte limit' },
    });
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a body over the character limit, as the pipeline does', async () => {
    const file = join(dir, 'long.txt');
    writeFileSync(file, `Long story\n\n${'A sentence of words here. '.repeat(40_000)}`);
    const r = await runCommand([file]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ file, error: { reason: 'TOO_LARGE' } });
    expect(JSON.parse(r.out).error.message).toMatch(/over the 1000000-character limit/);
  });
});

describe('extract --trace', () => {
  const text =
    'The council met on Monday.\n\n"We need more time," Tess Avery said.\n\n"We will ask the state to help us with the costs of the new roof."';

  it('adds a trace to each direct quote, and only with --trace', () => {
    const plain = extractLine(JSON.stringify({ id: 't', text }));
    const traced = extractLine(JSON.stringify({ id: 't', text }), true);
    if ('error' in plain || 'error' in traced) throw new Error('unexpected error line');
    expect(plain.quotes.some((q) => 'trace' in q)).toBe(false);
    // Without the traces, the traced line is the plain one.
    const { reportedDropped, ...rest } = traced as typeof traced & { reportedDropped?: unknown[] };
    expect(reportedDropped).toEqual([]);
    const stripped = { ...rest, quotes: rest.quotes.map(({ trace: _t, ...q }) => q) };
    expect(stripped).toEqual(plain);
    expect('reportedDropped' in plain).toBe(false);
    const direct = traced.quotes.filter((q) => q.type === 'direct');
    expect(direct).toHaveLength(2);
    const [first, second] = direct.map(
      (q) =>
        (
          q as {
            trace?: {
              how: string;
              rules: string[];
              why: string;
              candidates: { name: string | null; score: number }[];
            };
          }
        ).trace!,
    );
    expect(first!.how).toBe('cue');
    expect(first!.rules).toContain('tail.subject-verb');
    expect(first!.why).toMatch(/tail\.subject-verb/);
    expect(second!.how).toBe('continued');
    expect(second!.rules).toContain('continue.next-paragraph');
    // The uncued quotation's candidates come scored, best first, "nobody" among them.
    const scores = second!.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(second!.candidates.some((c) => c.name === null)).toBe(true);
    expect(second!.candidates[0]!.name).toBe(direct[1]!.speaker?.name);
  });

  it('adds a trace to each indirect quote and lists the cues a guard refused', () => {
    const line = JSON.stringify({
      id: 'r',
      text: 'The ferry will stop running in winter, Tom Reyes said.\n\nThe board decided the pier would stay closed.',
    });
    const traced = extractLine(line, true) as unknown as {
      quotes: { type: string; text: string; start: number; end: number; trace?: Record<string, unknown> }[];
      reportedDropped: { rule: string | null; dropped: string; guards: { id: string; outcome: string }[] }[];
    };
    const q = traced.quotes.find((x) => x.type === 'indirect')!;
    expect(q.text).toBe('The ferry will stop running in winter');
    expect(q.trace).toMatchObject({
      rule: 'indirect.trailing',
      cue: { text: 'said' },
      content: { text: q.text, start: q.start, end: q.end },
      speaker: 'Tom Reyes',
      dropped: null,
    });
    expect(traced.reportedDropped).toEqual([
      expect.objectContaining({
        rule: null,
        dropped: 'guard',
        guards: [{ id: 'indirect.no-decision', outcome: 'fired' }],
      }),
    ]);
  });

  it('traces files too', async () => {
    const file = join(dir, 'traced.txt');
    writeFileSync(file, text);
    const r = await runCommand(['--trace', file]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { articles: { quotes: { type: string; trace?: unknown }[] }[] };
    const quotes = doc.articles[0]!.quotes.filter((q) => q.type === 'direct');
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((q) => q.trace !== undefined)).toBe(true);
    const plain = JSON.parse((await runCommand([file])).out) as typeof doc;
    expect(plain.articles[0]!.quotes.some((q) => q.trace !== undefined)).toBe(false);
  });
});
