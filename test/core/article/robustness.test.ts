import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseObject } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { utf8 } from './helpers.ts';

/** Parses and returns the elapsed milliseconds; only UnusableContentError may escape. */
function timed(bytes: Uint8Array, filename = 'x'): number {
  const t0 = performance.now();
  try {
    parseObject(bytes, { filename });
  } catch (e) {
    expect(e).toBeInstanceOf(UnusableContentError);
  }
  return performance.now() - t0;
}

// Generous bounds, for a loaded machine: quadratic behaviour on these inputs takes minutes,
// linear well under a second or two.
const BOUND_MS = 10_000;
// the bounds decide, not vitest's 5 s default (these inputs take a few seconds when both cores are busy)
vi.setConfig({ testTimeout: 6 * BOUND_MS });

describe('hostile input runs in linear time and never throws anything else', () => {
  it('100,000 nested tags', () => {
    const html = `<html><body>${'<div><span>'.repeat(50_000)}Some text that is long enough to count as prose here.</body></html>`;
    // Quadratic tree building takes over 25 s here; linear about 1-2 s (mostly allocation).
    expect(timed(utf8(html), 'x.html')).toBeLessThan(BOUND_MS * 2);
  });

  it('10,000 nested tags, closed, with stray end tags', () => {
    const html = `<body>${'<div>'.repeat(10_000)}<p>Text of a paragraph long enough to be prose.</p>${'</span>'.repeat(10_000)}${'</div>'.repeat(10_000)}`;
    expect(timed(utf8(html), 'x.html')).toBeLessThan(BOUND_MS);
  });

  it('a 1 MB word in every format', () => {
    const word = 'a'.repeat(1 << 20);
    for (const [content, name] of [
      [word, 'x.txt'],
      [`# T\n\n**${word}`, 'x.md'],
      [`<p>${word}</p>`, 'x.html'],
      [`{"title":"t","body":"${word}"}`, 'x.json'],
      [`<nitf><body><body.content><p>${word}</p></body.content></body></nitf>`, 'x.xml'],
    ])
      expect(timed(utf8(content!), name)).toBeLessThan(BOUND_MS);
  });

  it('a million quotation marks, brackets, asterisks and angle brackets', () => {
    for (const c of ['"', '“', '[x](', '*', '<', '&amp;', '-- ', '\n'])
      for (const name of ['x.txt', 'x.md', 'x.html'])
        expect(timed(utf8(`Title\n\n${c.repeat(Math.ceil(1e6 / c.length))}`), name)).toBeLessThan(BOUND_MS);
  });

  it('deeply nested JSON and JSON-LD', () => {
    expect(timed(utf8('['.repeat(1e6)))).toBeLessThan(BOUND_MS);
    expect(timed(utf8(`${'{"a":'.repeat(2e5)}1${'}'.repeat(2e5)}`))).toBeLessThan(BOUND_MS);
    const ld = `<html><head><script type="application/ld+json">${'['.repeat(1e5)}</script></head><body><p>Some text for the body that is long enough.</p></body></html>`;
    expect(timed(utf8(ld))).toBeLessThan(BOUND_MS);
  });

  it('10 MB of text paragraphs', () => {
    const text = 'A paragraph with some words, and more words in it here.\n\n'.repeat(180_000);
    expect(timed(utf8(text))).toBeLessThan(BOUND_MS * 2);
  });

  it('arbitrary markup-ish strings', () => {
    const piece = fc.constantFrom(
      '<p>',
      '</p>',
      '<div class="share">',
      '</div>',
      '<br>',
      '&nbsp;',
      '"',
      '<script>',
      '</script>',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      'word ',
      'MOSCOW -- ',
      '\n\n',
      '<nitf>',
      '<newsItem>',
      '{',
      '}',
      '"body":',
      '# ',
      '**',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 200 }),
        fc.constantFrom('a.html', 'a.xml', 'a.json', 'a.md', 'a.txt'),
        (parts, name) => {
          try {
            const articles = parseObject(utf8(parts.join('')), { filename: name });
            for (const a of articles) expect(a.body).toBe(a.body.trim());
          } catch (e) {
            expect(e).toBeInstanceOf(UnusableContentError);
          }
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 8000, markInterruptAsFailure: true },
    );
  });
});
