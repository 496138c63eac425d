import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { contentTypeFor, main, uploadKeys } from '../../local/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'start-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start upload keys', () => {
  it('keeps bare names for one file or one folder, and the path from the common folder otherwise', () => {
    expect(uploadKeys(['/data/a/story.txt'], 'articles/')).toEqual(['articles/story.txt']);
    expect(uploadKeys(['/data/a/one.txt', '/data/a/two.txt'], 'articles/')).toEqual([
      'articles/one.txt',
      'articles/two.txt',
    ]);
    expect(uploadKeys(['/data/monday/story.txt', '/data/tuesday/story.txt', '/data/x.txt'], 'in/')).toEqual([
      'in/monday/story.txt',
      'in/tuesday/story.txt',
      'in/x.txt',
    ]);
  });

  it('refuses two inputs that would share a key, saying which', () => {
    expect(() => uploadKeys(['/d/a.txt', '/d/a.txt'], 'articles/')).toThrow(
      '/d/a.txt and /d/a.txt would both be uploaded as articles/a.txt: give each file once',
    );
    // the same name in two Unicode forms is one S3 key once normalised
    expect(() => uploadKeys(['/d/caf\u00e9.txt', '/d/cafe\u0301.txt'], '')).toThrow(
      /would both be uploaded as café\.txt/,
    );
  });

  it('exits 2 with one line before starting anything when keys would collide', async () => {
    const file = join(dir, 'same.txt');
    writeFileSync(file, 'Headline\n\nText of the story.');
    let err = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
      err += String(c);
      return true;
    });
    try {
      expect(await main([file, file])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err).toBe(
      `error: ${file} and ${file} would both be uploaded as articles/same.txt: give each file once\n`,
    );
  });
});

describe('npm start content types', () => {
  it('labels text utf-8 only when its bytes are UTF-8', () => {
    const utf8 = new TextEncoder().encode('Café owner speaks');
    const cp1252 = Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x77, 0x6e, 0x65, 0x72]);
    expect(contentTypeFor('a.txt', utf8)).toBe('text/plain; charset=utf-8');
    expect(contentTypeFor('a.txt', cp1252)).toBe('text/plain');
    expect(contentTypeFor('a.HTML', cp1252)).toBe('text/html');
    expect(contentTypeFor('a.json', utf8)).toBe('application/json');
    expect(contentTypeFor('a.bin', utf8)).toBe('application/octet-stream');
  });

  it('prints a usage error on one line', async () => {
    let err = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
      err += String(c);
      return true;
    });
    try {
      expect(await main(['--bogus'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err.split('\n')).toHaveLength(2);
    expect(err).toMatch(/^error: .*--bogus.* \(see npm start -- --help\)\n$/);
  });
});
