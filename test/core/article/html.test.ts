import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '#core/article/formats/html/index.ts';
import { run } from '../../../functions/cli/eval/html.ts';
import { expectBodyContract, fixture } from './helpers.ts';

const page = new TextDecoder().decode(fixture('page.html'));

describe('HTML pages', () => {
  const a = parseHtml(page);

  it('keeps the article paragraphs and sub-headings, in order', () => {
    const paragraphs = a.body.split('\n\n');
    expect(paragraphs[0]).toMatch(/^PITTSBURGH — A 40-megawatt solar farm opened/);
    expect(paragraphs).toContain('Jobs and taxes');
    expect(paragraphs.at(-1)).toBe('Two more projects on former industrial land are planned for next year.');
    expect(paragraphs).toHaveLength(6);
    expectBodyContract(a);
  });

  it('drops navigation, byline, share tools, captions, ads, related links, comments, cookie and footer text', () => {
    for (const junk of [
      'Energy',
      'Hannah Kowalski',
      'Share on',
      'Panels at the new plant',
      'Advertisement',
      'Wind farm approved',
      'Great news for the valley',
      'cookies',
      'All rights reserved',
      'Most read',
      'never runs',
      'Solar farm opens on former coal site',
    ])
      expect(a.body).not.toContain(junk);
  });

  it('reads the metadata from JSON-LD, OpenGraph, meta tags and the page', () => {
    expect(a).toMatchObject({
      format: 'html',
      title: 'Solar farm opens on former coal site',
      byline: 'Hannah Kowalski',
      published: '2024-09-03T07:15:00-04:00',
      modified: '2024-09-03T09:00:00-04:00',
      outlet: 'Example Gazette',
      url: 'https://gazette.example.com/energy/solar-farm-coal-site',
      language: 'en-US',
      section: 'Energy',
      deck: 'The 40-megawatt plant sits on land once used to store coal.',
    });
  });

  it('never executes scripts and ignores hidden elements', () => {
    const b = parseHtml(
      '<html><body><article><p>Visible paragraph that is long enough to count as the article text here.</p>' +
        '<p style="display:none">Hidden text that should not appear in the body at all.</p>' +
        '<script>globalThis.__ran = true; document.write("<p>Injected</p>")</script>' +
        '<p hidden>Also hidden from readers of the page, and from us.</p></article></body></html>',
    );
    expect(b.body).toBe('Visible paragraph that is long enough to count as the article text here.');
    expect((globalThis as { __ran?: boolean }).__ran).toBeUndefined();
  });

  it('reads a visible byline and skips placeholder dates', () => {
    const b = parseHtml(
      '<html><head><meta property="article:published_time" content="0001-01-01T00:00:00Z"></head><body><article>' +
        '<div class="article-byline">By Jane Roe | Nov. 19, 2019</div><time datetime="2019-11-19T09:02:00Z">Nov. 19</time>' +
        '<p>The council met on Tuesday and voted to extend the library opening hours into the evening.</p></article></body></html>',
    );
    expect(b.byline).toBe('Jane Roe');
    expect(b.published).toBe('2019-11-19T09:02:00Z');
    expect(b.body).not.toContain('Jane Roe');
  });

  it('falls back to the title tag without a site suffix when there is no h1 or og:title', () => {
    const b = parseHtml(
      '<html><head><title>Bridge reopens after repairs | Example Times</title><meta property="og:site_name" content="Example Times"></head>' +
        '<body><p>The bridge reopened on Monday after six months of repairs, the city said.</p></body></html>',
    );
    expect(b.title).toBe('Bridge reopens after repairs');
    expect(b.outlet).toBe('Example Times');
  });
});

const DATA = '../shared/data/article-html';

describe.skipIf(!existsSync(`${DATA}/ground-truth.json`))(
  'article-html development pages (needs ../shared/data/article-html)',
  () => {
    it('beats Readability.js on body F1, reaches 0.97, and gets 95% of headlines', async () => {
      let out = '';
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => {
        out += chunk;
        return true;
      }) as typeof process.stdout.write;
      try {
        expect(await run(['--data', DATA, '--json'])).toBe(0);
      } finally {
        process.stdout.write = write;
      }
      const r = JSON.parse(out) as Record<string, number>;
      expect(r.pages).toBe(60);
      expect(r.oursF1).toBeGreaterThanOrEqual(0.97);
      expect(r.oursF1).toBeGreaterThan(r.readabilityF1!);
      expect(r.headlineAccuracy).toBeGreaterThanOrEqual(0.95);
    }, 120_000);
  },
);
