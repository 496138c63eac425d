import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { command, extractLine } from '../../../functions/cli/commands/extract.ts';

const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command in this process; returns its exit code, stdout and stderr. */
async function runCommand(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
    out += String(c);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
    err += String(c);
    return true;
  });
  try {
    return { code: await command.run(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

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
