import { existsSync, readFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS, parseObject, parseObjectDetailed } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { expectBodyContract, fixture, utf8 } from './helpers.ts';

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnusableContentError);
    return (error as UnusableContentError).reason;
  }
  throw new Error('expected an UnusableContentError');
}

const SEED = '../shared/data/seed/000_46fdc26a7eb5e5c7.txt';

describe.skipIf(!existsSync(SEED))('the seed article (needs ../shared/data/seed)', () => {
  it('reads header line, headline, deck, dateline and body', () => {
    const [a] = parseObject(new Uint8Array(readFileSync(SEED)), { filename: 'seed.txt' });
    expect(a).toBeDefined();
    expect(a!.format).toBe('text');
    expect(a!.outlet).toBe('The Boston Globe');
    expect(a!.title).toBe('Russia confirms it has delivered missile systems to Iran');
    expect(a!.deck).toBe('Minister says more deals with Tehran possible');
    expect(a!.dateline).toBe('MOSCOW');
    expect(a!.body.startsWith('MOSCOW -- Russia said yesterday')).toBe(true);
    expect(a!.body).not.toContain('Boston Globe');
    expect(a!.body).toContain('technology.');
    expect(a!.body.split('\n\n')).toHaveLength(15);
    expectBodyContract(a!);
  });
});

describe('every fixture', () => {
  const cases: [string, string, number][] = [
    ['text-crlf-bom.txt', 'text', 1],
    ['text-utf16le.txt', 'text', 1],
    ['text-utf16be.txt', 'text', 1],
    ['text-latin1.txt', 'text', 1],
    ['article.md', 'markdown', 1],
    ['page.html', 'html', 1],
    ['page.html.gz', 'html', 1],
    ['page-windows-1252.html.gz', 'html', 1],
    ['single-article.json', 'json', 1],
    ['nested-article.json', 'json', 1],
    ['newsapi.json', 'json', 2],
    ['articles.jsonl', 'json', 3],
    ['nitf-3.6.xml', 'nitf', 1],
    ['nitf-canceled.xml', 'nitf', 1],
    ['newsml-g2-item.xml', 'newsml-g2', 1],
    ['newsml-g2-message.xml', 'newsml-g2', 2],
  ];
  it.each(cases)('%s is %s with %i article(s) keeping the body contract', (name, format, count) => {
    const parsed = parseObjectDetailed(fixture(name), { filename: name });
    expect(parsed.format).toBe(format);
    expect(parsed.articles).toHaveLength(count);
    for (const a of parsed.articles) {
      expect(a.format).toBe(format);
      expectBodyContract(a);
      if (!a.retracted) expect(a.body.length).toBeGreaterThan(20);
    }
  });

  it('gives the same result whatever the file is called: content decides', () => {
    for (const name of ['nitf-3.6.xml', 'page.html', 'newsapi.json', 'article.md']) {
      const a = parseObjectDetailed(fixture(name), { filename: name });
      const b = parseObjectDetailed(fixture(name), { filename: 'upload.bin' });
      expect(b.format).toBe(name === 'article.md' ? 'markdown' : a.format);
      expect(b.articles[0]!.body).toBe(a.articles[0]!.body);
    }
  });
});

describe('encodings', () => {
  it('reads a CRLF file with a UTF-8 BOM', () => {
    const [a] = parseObject(fixture('text-crlf-bom.txt'));
    expect(a!.outlet).toBe('Example Evening Post');
    expect(a!.title).toBe('Fishermen protest new quota rules');
    expect(a!.dateline).toBe('HALIFAX');
    expect(a!.body).not.toMatch(/\r|\uFEFF/);
    expect(a!.body).toContain('new catch limits, which cut the quota for cod by a third.');
  });

  it('reads UTF-16 LE and BE with a BOM to the same text', () => {
    const le = parseObjectDetailed(fixture('text-utf16le.txt'));
    const be = parseObjectDetailed(fixture('text-utf16be.txt'));
    expect(le.encoding).toBe('utf-16le');
    expect(be.encoding).toBe('utf-16be');
    expect(le.articles[0]!.body).toBe(be.articles[0]!.body);
    expect(le.articles[0]!.body).toContain('Jürgen Weiß');
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8, curly quotes included', () => {
    const latin = parseObjectDetailed(fixture('text-latin1.txt'));
    expect(latin.encoding).toBe('windows-1252');
    expect(latin.articles[0]!.body).toContain('Niño');
    const bytes = new Uint8Array([
      0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0x63, 0x61, 0x66, 0xe9,
    ]);
    expect(parseObject(bytes)[0]!.body).toBe('\u201cHi\u201d \u2013 \u20ac5 café');
  });

  it('uses the charset an HTML page declares', () => {
    const parsed = parseObjectDetailed(fixture('page-windows-1252.html.gz'), { filename: 'p.html.gz' });
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.compressed).toBe(true);
    const [a] = parsed.articles;
    expect(a!.title).toBe('Crème brûlée festival draws record crowd');
    expect(a!.body).toContain('LYON — The annual crème brûlée festival');
    expect(a!.body).toContain('“We ran out of sugar twice,” said Renée Faure');
  });

  it('uses a declared legacy charset other than Windows-1252', () => {
    const head = utf8('<html><head><meta charset="windows-1251"></head><body><p>');
    const word = new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет" in windows-1251
    const tail = utf8(
      ' from the correspondent in the capital, who wrote a long enough paragraph.</p></body></html>',
    );
    const bytes = new Uint8Array([...head, ...word, ...tail]);
    expect(parseObject(bytes)[0]!.body.startsWith('Привет from')).toBe(true);
  });
});

describe('compression', () => {
  const html = readFileSync(new URL('../../fixtures/articles/page.html', import.meta.url));
  it('recognises gzip by its magic bytes, whatever the name', () => {
    const parsed = parseObjectDetailed(new Uint8Array(gzipSync(html)), { filename: 'page' });
    expect(parsed.compressed).toBe(true);
    expect(parsed.format).toBe('html');
  });

  it('caps the decompressed size', () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)));
    expect(bomb.length).toBeLessThan(100_000);
    expect(reasonOf(() => parseObject(bomb, {}, { maxDecompressedBytes: 1024 * 1024 }))).toBe(
      'DECOMPRESSED_TOO_LARGE',
    );
    expect(DEFAULT_PARSE_LIMITS.maxDecompressedBytes).toBeGreaterThan(1024 * 1024);
  });

  it('reports a corrupt or truncated gzip stream as unparseable', () => {
    const gz = new Uint8Array(gzipSync(html));
    expect(reasonOf(() => parseObject(gz.subarray(0, gz.length / 2)))).toBe('UNPARSEABLE');
  });

  it('reads Content-Encoding: deflate and refuses encodings it does not know', () => {
    const parsed = parseObjectDetailed(new Uint8Array(deflateSync(html)), { contentEncoding: 'deflate' });
    expect(parsed.format).toBe('html');
    expect(reasonOf(() => parseObject(utf8('x'), { contentEncoding: 'br' }))).toBe('UNSUPPORTED_FORMAT');
  });
});

describe('unusable content', () => {
  it('rejects empty and whitespace-only objects', () => {
    expect(reasonOf(() => parseObject(new Uint8Array()))).toBe('EMPTY');
    expect(reasonOf(() => parseObject(utf8(' \r\n\t\n ')))).toBe('EMPTY');
    expect(reasonOf(() => parseObject(new Uint8Array([0xef, 0xbb, 0xbf, 0x0a])))).toBe('EMPTY');
    expect(reasonOf(() => parseObject(new Uint8Array(gzipSync(Buffer.alloc(0)))))).toBe('EMPTY');
  });

  it('rejects PDF, PNG, JPEG, zip, ELF and random binary as BINARY', () => {
    const samples = [
      utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]),
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]),
      new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
      new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256)),
    ];
    for (const s of samples) expect(reasonOf(() => parseObject(s))).toBe('BINARY');
  });

  it('rejects feeds, SVG and unknown XML as UNSUPPORTED_FORMAT', () => {
    expect(
      reasonOf(() => parseObject(utf8('<?xml version="1.0"?><rss version="2.0"><channel/></rss>'))),
    ).toBe('UNSUPPORTED_FORMAT');
    expect(reasonOf(() => parseObject(utf8('<svg xmlns="http://www.w3.org/2000/svg"></svg>')))).toBe(
      'UNSUPPORTED_FORMAT',
    );
    expect(
      reasonOf(() => parseObject(utf8('<?xml version="1.0"?><invoice><total>3</total></invoice>'))),
    ).toBe('UNSUPPORTED_FORMAT');
  });

  it('rejects a page without text as NO_BODY and broken JSON as UNPARSEABLE', () => {
    expect(
      reasonOf(() => parseObject(utf8('<html><body><nav><a href="/">Home</a></nav></body></html>'))),
    ).toBe('NO_BODY');
    expect(reasonOf(() => parseObject(utf8('{"title": "x", "body": ')))).toBe('UNPARSEABLE');
  });
});

describe('nearly-UTF-8 content', () => {
  it('keeps UTF-8 when only a few bytes are broken, and marks them', () => {
    const good = utf8('Crème brûlée, café, naïve, Zürich, São Paulo and façade all read well here.\n\n');
    const bytes = new Uint8Array([...good, 0xff, ...utf8(' end.')]);
    const parsed = parseObjectDetailed(bytes);
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.articles[0]!.body).toContain('Crème brûlée');
    expect(parsed.articles[0]!.body).toContain('\uFFFD end.');
  });
});

describe('ids in multi-article files', () => {
  it('keeps ids unique within a file', () => {
    const lines = ['{"id":"x","text":"One."}', '{"id":"x","text":"Two."}', '{"text":"Three."}'].join('\n');
    expect(parseObject(utf8(lines)).map((a) => a.id)).toEqual(['x', 'x#1', '2']);
  });
});
