import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { projectAssembly } from './support.ts';

/**
 * `npm start` with the inputs a new user gives it: two files of one name in two folders, a
 * Windows-1252 file, and a file over the function's size limit (above the emulator's
 * single-request limit too). Each comes back as the cloud path would store it.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'start-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  key: string;
  status: string;
  title: string | null;
  quotes: { type: string; text: string; speaker: string | null }[];
  error?: string;
}

function runStart(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm start inputs', () => {
  it('keeps same-named files apart, decodes Windows-1252, and records a 12 MiB file as TOO_LARGE', async () => {
    const cdkOut = await projectAssembly();
    mkdirSync(join(dir, 'monday'));
    mkdirSync(join(dir, 'tuesday'));
    writeFileSync(
      join(dir, 'monday', 'story.txt'),
      'Ferry timetable changes\n\nThe ferry will leave at nine from Monday.\n',
    );
    writeFileSync(
      join(dir, 'tuesday', 'story.txt'),
      'Library opens late\n\nThe library will stay open until ten on Tuesday.\n',
    );
    // "Café owner speaks" and a quotation in curly marks, as Windows-1252 bytes (é = E9, “ = 93, ” = 94)
    writeFileSync(
      join(dir, 'cafe.txt'),
      Buffer.concat([
        Buffer.from('Caf\xe9 owner speaks\n\n', 'latin1'),
        Buffer.from(
          '\x93We will stay open all winter,\x94 said Anne Dubois, who runs the caf\xe9 on the quay.\n',
          'latin1',
        ),
      ]),
    );
    writeFileSync(join(dir, 'big.txt'), 'A line of text in a very long file.\n'.repeat(360_000)); // 12.6 MB
    const files = ['monday/story.txt', 'tuesday/story.txt', 'cafe.txt', 'big.txt'].map((f) => join(dir, f));
    const r = await runStart(['--json', '--skip-synth', '--cdk-out', cdkOut, ...files]);
    expect(r.code, r.stderr).toBe(0);
    const { articles } = JSON.parse(r.stdout) as { articles: Report[] };
    const byKey = new Map(articles.map((a) => [a.key, a]));
    expect([...byKey.keys()].sort()).toEqual([
      'articles/big.txt',
      'articles/cafe.txt',
      'articles/monday/story.txt',
      'articles/tuesday/story.txt',
    ]);
    expect(byKey.get('articles/monday/story.txt')?.title).toBe('Ferry timetable changes');
    expect(byKey.get('articles/tuesday/story.txt')?.title).toBe('Library opens late');
    const cafe = byKey.get('articles/cafe.txt');
    expect(cafe?.title).toBe('Café owner speaks');
    expect(cafe?.quotes.map((q) => q.text).join(' ')).toContain('We will stay open all winter');
    const big = byKey.get('articles/big.txt');
    expect(big?.status).toBe('failed');
    expect(big?.error).toMatch(/^TOO_LARGE: object is \d+ bytes, over the 10485760-byte limit/);
  }, 300_000);
});
