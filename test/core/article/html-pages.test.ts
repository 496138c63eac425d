import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkup } from '#core/article/formats/html/dom.ts';
import { containment, parseHtml, readHtml } from '#core/article/formats/html/index.ts';
import {
  readabilityArticle,
  SECOND_OPINION_LIMITS,
  treeShape,
} from '#core/article/formats/html/second-opinion.ts';
import { UnusableContentError } from '#core/errors.ts';
import { expectBodyContract } from './helpers.ts';

/**
 * Robustness classes of web pages, each shown by a page written for the purpose
 * (test/fixtures/pages/): the article must come out whole, without what surrounds it, and a page
 * without an article must say what it holds instead.
 */

const page = (name: string) => readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url), 'utf8');

function noBody(html: string): UnusableContentError {
  try {
    parseHtml(html);
  } catch (error) {
    if (error instanceof UnusableContentError) return error;
    throw error;
  }
  throw new Error('expected NO_BODY');
}

describe('web pages that hold an article', () => {
  it('keeps every part of a body split into several containers, even with boilerplate-sounding classes', () => {
    const a = parseHtml(page('split-blocks.html'));
    const paragraphs = a.body.split('\n\n');
    expect(paragraphs).toHaveLength(6);
    expect(paragraphs[0]).toMatch(/^The harbour ferry service will add a second battery-powered boat/);
    expect(paragraphs[5]).toBe(
      'Ticket prices will not change, the authority said, and monthly passes will remain valid on both boats.',
    );
    for (const junk of ['Advertisement', 'newsletter', 'Island pier repairs', 'Send news tips'])
      expect(a.body).not.toContain(junk);
    expectBodyContract(a);
  });

  it('keeps the part of a split body that follows the headline block', () => {
    const a = parseHtml(page('split-lead.html'));
    expect(a.body.split('\n\n')).toHaveLength(5);
    expect(a.body).toContain('A regional development fund has lent the group the money');
    expect(a.body).not.toContain('Advertisement');
  });

  it('finds the article inside a page full of link lists and teasers', () => {
    const a = parseHtml(page('link-lists.html'));
    expect(a.body.split('\n\n')).toHaveLength(5);
    expect(a.body).toMatch(/^Three branches of the county library will stay open/);
    for (const junk of [
      'Residents have six weeks',
      'Most read',
      'mobile library routes to a shared schedule. Council',
      'Terms of use',
    ])
      expect(a.body).not.toContain(junk);
  });

  it('keeps a short article and leaves out the teasers and the note around it', () => {
    const a = parseHtml(page('short-article.html'));
    expect(a.body).toBe(
      'The Kowal family bakery on Elm Street will close on Saturday after forty years, its owners said, because no one in the family wants to take over the ovens.\n\nRegulars are invited to a last coffee and cake morning on Friday.',
    );
  });

  it("reads the JSON-LD articleBody when the page's own markup holds only other text", () => {
    const r = readHtml(page('jsonld-only.html'));
    expect(r.source).toBe('json-ld');
    expect(r.article.body.split('\n\n')).toHaveLength(4);
    expect(r.article.body).toMatch(/^Station Road will close to traffic for a week from Monday/);
    expect(r.article.body).not.toContain('Copyright');
    expect(r.article.byline).toBe('Priya Natarajan');
  });

  it('reads the text behind a consent dialog that hides the rest of the page', () => {
    const a = parseHtml(page('consent-wall.html'));
    expect(a.body.split('\n\n')).toHaveLength(4);
    expect(a.body).toMatch(/^An orchard in the hills above Westbrook/);
    for (const junk of ['cookies', 'Your privacy', 'Accept all']) expect(a.body).not.toContain(junk);
  });

  it('reads a page wrapped whole in a form, as some site frameworks do', () => {
    const a = parseHtml(page('form-wrapped.html'));
    expect(a.body.split('\n\n')).toHaveLength(4);
    expect(a.body).toMatch(/^The clock on the town hall tower struck noon/);
  });

  it('asks Readability.js for a second opinion when its own reading comes out empty', () => {
    // Every block of this page-builder layout carries a class our rules read as a widget.
    const r = readHtml(page('page-builder.html'));
    expect(r.weak).toBe(true);
    expect(r.source).toBe('readability');
    const paragraphs = r.article.body.split('\n\n');
    expect(paragraphs).toHaveLength(5);
    expect(paragraphs[0]).toMatch(/^Night buses will run again between the city centre and the airport/);
    expect(paragraphs[4]).toMatch(/^Fares will match the daytime fares/);
    expectBodyContract(r.article);
  });

  it('keeps its own reading, or says what it found, when the second opinion has nothing', () => {
    const builder = page('page-builder.html');
    expect(() => parseHtml(builder, { secondOpinion: false })).toThrow(UnusableContentError);
    expect(() => parseHtml(builder, { readability: () => undefined })).toThrow(/no article text/);
    // A confident reading never consults the second opinion.
    let asked = 0;
    const r = readHtml(page('link-lists.html'), {
      readability: () => {
        asked++;
        return undefined;
      },
    });
    expect(asked).toBe(0);
    expect(r.source).toBe('own');
  });
});

describe('web pages without an article', () => {
  it('calls an index page NO_BODY and says it is an index', () => {
    const e = noBody(page('section-index.html'));
    expect(e.reason).toBe('NO_BODY');
    expect(e.message).toMatch(/index/);
    expect(e.message).toMatch(/6 headline links/);
  });

  it('calls a login wall NO_BODY and says so', () => {
    const e = noBody(page('login-wall.html'));
    expect(e.reason).toBe('NO_BODY');
    expect(e.message).toMatch(/login, subscription or consent wall/);
  });

  it('says what an empty page holds', () => {
    expect(noBody('<html><body><div id="app"></div></body></html>').message).toMatch(/no article text/);
    const links = Array.from({ length: 12 }, (_, i) => `<li><a href="/p${i}">Page ${i}</a></li>`).join('');
    expect(noBody(`<html><body><ul>${links}</ul></body></html>`).message).toMatch(/only links \(12 of them/);
  });

  it('does not take a brief that mentions subscribing for a wall', () => {
    const a = parseHtml(
      '<html><body><article><p>Residents can subscribe to the new flood alert service from Monday, the council said, and will get a text message when the river rises.</p></article></body></html>',
    );
    expect(a.body).toMatch(/^Residents can subscribe/);
  });

  it('does not take a round-up of linked items with long descriptions for an index', () => {
    const item = (n: number) =>
      `<h3><a href="/p${n}">Walking boots number ${n} for wet hills</a></h3><p>These boots kept our feet dry on a long wet walk over the moor, and the grip held on the muddy descent, though the laces came loose twice and the tongue rubbed a little after the first ten miles of the route that we tested them on, in the rain.</p>`;
    const a = parseHtml(`<html><body><main>${[1, 2, 3, 4, 5].map(item).join('')}</main></body></html>`);
    expect(a.body.split('\n\n')).toHaveLength(5);
  });

  it('does not take an article about cookies or passwords for a wall', () => {
    const a = parseHtml(
      '<html><body><article><h1>Bakers try new cookies</h1><p>Bakers in the old town have started selling cookies made with rye flour, and the first batch sold out by noon on Saturday.</p>' +
        '<p>Security researchers also warned this week that short passwords are easy to guess, and urged readers to use longer ones.</p></article></body></html>',
    );
    expect(a.body).toMatch(/^Bakers in the old town/);
  });
});

describe('the second opinion', () => {
  it('is not asked on a page beyond its limits (Readability.js slows down badly with depth)', () => {
    const depth = SECOND_OPINION_LIMITS.maxDepth + 20;
    const deep = parseMarkup(
      `<body>${'<div>'.repeat(depth)}<p>${'Words of a paragraph that is long enough. '.repeat(20)}</p>${'</div>'.repeat(depth)}</body>`,
    );
    expect(treeShape(deep).depth).toBeGreaterThan(SECOND_OPINION_LIMITS.maxDepth);
    expect(readabilityArticle(deep)).toBeUndefined();
    const shallow = parseMarkup(
      `<body><div><p>${'Words of a paragraph that is long enough. '.repeat(20)}</p></div></body>`,
    );
    expect(treeShape(shallow)).toMatchObject({ depth: 3, elements: 3 }); // body, div, p
    expect(readabilityArticle(shallow)).toBeDefined();
  });
});

describe('containment', () => {
  it('is the share of the first text found in the second, by four-word shingles', () => {
    expect(containment('one two three four five', 'zero one two three four five six')).toBe(1);
    expect(containment('one two three four five', 'one two three four')).toBe(0.5);
    expect(containment('', 'anything at all here')).toBe(0);
  });
});
