import { describe, expect, it } from 'vitest';
import { detectFormat } from '#core/article/detect.ts';
import { parseJson } from '#core/article/formats/json.ts';
import { parseMarkdown } from '#core/article/formats/markdown.ts';
import { parseNewsMlG2 } from '#core/article/formats/newsml-g2.ts';
import { parseNitf } from '#core/article/formats/nitf.ts';
import { matchDateline, parsePlainText } from '#core/article/formats/text.ts';
import { parseObject, parseObjectDetailed } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { expectBodyContract, fixture, utf8 } from './helpers.ts';

const text = (name: string) => new TextDecoder().decode(fixture(name));

describe('format detection', () => {
  it.each([
    ['<!DOCTYPE html><html><body><p>x</p></body></html>', 'html'],
    ['  \n<html lang="en"><head></head></html>', 'html'],
    ['<div><p>fragment</p></div>', 'html'],
    ['<?xml version="1.0"?>\n<!-- c -->\n<nitf version="-//IPTC//DTD NITF 3.6//EN"></nitf>', 'nitf'],
    ['<?xml version="1.0"?><newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"/>', 'newsml-g2'],
    ['<?xml version="1.0"?><g2:newsItem xmlns:g2="http://iptc.org/std/nar/2006-10-01/"/>', 'newsml-g2'],
    ['{"title": "x"}', 'json'],
    ['[{"title": "x"}]', 'json'],
    ['{"a":1}\n{"a":2}\n', 'json'],
    [
      '# Headline\n\nSome **bold** text and a [link](http://x.y).\n\n## Part two\n\n- one\n- two\n',
      'markdown',
    ],
    ['[Example](https://example.com) is a link first.\n\n# And a heading\n', 'markdown'],
    ['Headline\n\nLONDON -- Body text.', 'text'],
  ])('%j is %s', (input, format) => {
    expect(detectFormat(input)).toBe(format);
  });

  it('lets the .md extension decide between Markdown and plain text', () => {
    expect(detectFormat('Plain words only.', { filename: 'a.md' })).toBe('markdown');
    expect(detectFormat('Plain words only.', { filename: 'a.txt' })).toBe('text');
  });
});

describe('plain text', () => {
  it('finds wire datelines and rejects sentences in capitals', () => {
    expect(matchDateline('MOSCOW -- Russia said')).toBe('MOSCOW');
    expect(matchDateline('WASHINGTON (Reuters) - The')).toBe('WASHINGTON');
    expect(matchDateline('NEW YORK, Jan. 5 (AP) — Stocks')).toBe('NEW YORK');
    expect(matchDateline('SAO PAULO, Brazil — The')).toBe('SAO PAULO, Brazil');
    expect(matchDateline('The minister -- who spoke')).toBeUndefined();
    expect(matchDateline('Russia said yesterday')).toBeUndefined();
  });

  it('tolerates odd spacing and lines wrapped inside paragraphs', () => {
    const a = parsePlainText(
      'Headline  here\n\nBy Ann Lee\n\nPARIS -- First   line\nwraps here .\n\n\n\n  Second paragraph , with space .  \n',
    );
    expect(a.title).toBe('Headline here');
    expect(a.byline).toBe('Ann Lee');
    expect(a.dateline).toBe('PARIS');
    expect(a.body).toBe('PARIS -- First line wraps here.\n\nSecond paragraph, with space.');
  });

  it('reads text without blank lines as one paragraph per line, and without dateline keeps the headline', () => {
    const a = parsePlainText(
      'Storm closes schools\nSchools across the county closed on Tuesday.\nThey reopen Friday.',
    );
    expect(a.title).toBe('Storm closes schools');
    expect(a.dateline).toBeUndefined();
    expect(a.body).toBe('Schools across the county closed on Tuesday.\n\nThey reopen Friday.');
    expectBodyContract(a);
  });
});

describe('Markdown', () => {
  it('reads front matter, headline, inline markup and lists', () => {
    const a = parseMarkdown(text('article.md'));
    expect(a).toMatchObject({
      format: 'markdown',
      title: 'Volunteers clean up the river after the festival',
      byline: 'Tomás Ferreira',
      published: '2024-08-19',
      outlet: 'Example Weekly',
      url: 'https://weekly.example.net/river-cleanup',
      dateline: 'LISBON',
    });
    expect(a.body).toContain('a shopping trolley out of the river');
    expect(a.body).toContain('said Ana Pires, who');
    expect(a.body).not.toMatch(/[*[\]#]|https?:/);
    expect(a.body.split('\n\n')).toContain('A bicycle wheel');
  });

  it('skips code fences and uses a leading heading as headline', () => {
    const a = parseMarkdown('Title\n=====\n\nBy Jo Park\n\nText one.\n\n```\ncode()\n```\n\nText two.');
    expect(a.title).toBe('Title');
    expect(a.byline).toBe('Jo Park');
    expect(a.body).toBe('Text one.\n\nText two.');
  });
});

describe('JSON', () => {
  it('maps the NewsAPI shape and reports the entry without a body', () => {
    const { articles, skipped } = parseJson(text('newsapi.json'));
    expect(articles).toHaveLength(2);
    expect(articles[0]).toMatchObject({
      id: '0',
      title: 'Library reopens after two-year renovation',
      deck: 'The central library reopened on Saturday with a new reading room.',
      byline: 'Lucia Moreno',
      published: '2024-04-06T14:20:00Z',
      outlet: 'Example Daily',
      url: 'https://daily.example.com/2024/04/06/library-reopens',
      dateline: 'MADRID',
    });
    expect(articles[0]!.body.split('\n\n')).toHaveLength(3);
    expect(articles[1]!.body).not.toContain('[+1843 chars]');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ index: 2, reason: 'MISSING_FIELDS' });
    expect(skipped[0]!.message).toMatch(/no body.*body.*content.*its fields are: source, title, url/);
  });

  it('maps headline/body/byline/dateline with an HTML body', () => {
    const [a] = parseJson(text('single-article.json')).articles;
    expect(a).toMatchObject({
      id: 'story-7781',
      title: 'Council votes to plant 10,000 trees',
      deck: "Plan targets the city's hottest neighbourhoods",
      byline: 'Grace Okafor',
      dateline: 'NAIROBI',
      published: '2024-05-10T09:00:00+03:00',
      section: 'Environment',
      subjects: ['trees', 'climate', 'city council'],
      language: 'en',
    });
    expect(a!.body).toBe(
      'NAIROBI — The city council voted on Thursday to plant 10,000 trees over the next three years.\n\n"Shade is a public health measure," said councillor Daniel Mwangi.',
    );
  });

  it('unwraps a nested article and joins author objects', () => {
    const [a] = parseJson(text('nested-article.json')).articles;
    expect(a).toMatchObject({
      id: '0f8e2c1a-5b7d-4c1e-9a3f-2d6b8e4f1c7a',
      title: 'Museum returns bronze statue to Benin',
      byline: 'Samuel Adeyemi, Claire Dubois',
      outlet: 'Example Herald',
      url: 'https://herald.example.com/culture/bronze-returned',
      published: '2024-06-01',
    });
    expect(a!.body.split('\n\n')).toHaveLength(2);
  });

  it('reads JSON Lines with ids, a withdrawn entry as a retraction, and skips a broken line', () => {
    const { articles, skipped } = parseJson(`${text('articles.jsonl')}{not json}\n`);
    expect(articles.map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    expect(articles[2]).toMatchObject({ retracted: true, body: '' });
    expect(skipped).toEqual([
      { index: 3, reason: 'UNPARSEABLE', message: expect.stringContaining('line 4') },
    ]);
  });

  it('names what is missing when a single article has no body', () => {
    try {
      parseObject(utf8('{"title": "Only a title", "author": "X"}'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnusableContentError);
      expect((e as UnusableContentError).reason).toBe('MISSING_FIELDS');
      expect((e as Error).message).toMatch(/no body: none of body, articleBody, content, text/);
      expect((e as Error).message).toContain('its fields are: title, author');
    }
  });

  it('reads top-level arrays and common envelopes', () => {
    const arr = parseObject(utf8('[{"title":"A","text":"One."},{"title":"B","text":"Two."}]'));
    expect(arr.map((a) => [a.id, a.title, a.body])).toEqual([
      ['0', 'A', 'One.'],
      ['1', 'B', 'Two.'],
    ]);
    const guardian = parseObject(
      utf8(
        '{"response":{"results":[{"id":"world/1","webTitle":"G","fields":{"bodyText":"Body."},"webUrl":"https://g.example/1"}]}}',
      ),
    );
    expect(guardian[0]).toMatchObject({
      id: 'world/1',
      title: 'G',
      body: 'Body.',
      url: 'https://g.example/1',
    });
  });
});

describe('NITF', () => {
  it('reads headline, sub-headline, byline, dateline, dates, subjects and body', () => {
    const a = parseNitf(text('nitf-3.6.xml'));
    expect(a).toMatchObject({
      format: 'nitf',
      id: 'EXW-2024-0131-0042',
      title: 'Harbour authority approves new ferry terminal',
      deck: 'Construction to start in spring, officials say',
      byline: 'Maria Lindqvist',
      dateline: 'GOTHENBURG',
      published: '2024-01-31T10:15:00Z',
      outlet: 'Example Wire',
      section: 'Business',
      language: 'en-US',
      subjects: ['economy, business and finance', 'transport', 'ferries', 'ports'],
    });
    expect(a.retracted).toBeUndefined();
    const paragraphs = a.body.split('\n\n');
    expect(paragraphs).toHaveLength(5);
    expect(paragraphs[2]).toBe('Opposition from residents');
    expect(a.body).not.toContain("architect's drawing");
    expect(a.body).not.toContain('Reporting by');
  });

  it('marks a canceled document as retracted', () => {
    expect(parseNitf(text('nitf-canceled.xml'))).toMatchObject({ retracted: true, id: 'EXW-2024-0131-0042' });
  });
});

describe('NewsML-G2', () => {
  it('reads a newsItem with inline NITF', () => {
    const { articles } = parseNewsMlG2(text('newsml-g2-item.xml'));
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      format: 'newsml-g2',
      id: 'urn:newsml:example.org:20240215:wx-flood-1',
      title: 'River Ouse bursts its banks as storm moves north',
      deck: 'Hundreds of homes evacuated in York',
      byline: 'Priya Natarajan',
      dateline: 'YORK, England',
      published: '2024-02-15T08:00:00Z',
      modified: '2024-02-15T09:42:00Z',
      outlet: 'Example News Agency',
      language: 'en-GB',
      url: 'https://news.example.org/2024/02/15/river-flood',
      subjects: ['environment', 'flood'],
    });
    expect(articles[0]!.body.split('\n\n')).toHaveLength(3);
  });

  it('makes every newsItem of a message its own article, skips the package, and flags the canceled one', () => {
    const parsed = parseObjectDetailed(fixture('newsml-g2-message.xml'));
    expect(parsed.articles.map((a) => [a.id, a.retracted ?? false])).toEqual([
      ['urn:newsml:example.org:20240304:budget-1', false],
      ['urn:newsml:example.org:20240304:strike-1', true],
    ]);
    const budget = parsed.articles[0]!;
    expect(budget.body.startsWith('LEEDS (Example News Agency)')).toBe(true);
    expect(budget.body).not.toContain('City council passes budget');
  });

  it('treats stat:withheld and "withdrawn" as retractions too', () => {
    for (const status of ['stat:withheld', 'stat:withdrawn']) {
      const xml = text('newsml-g2-item.xml').replace('stat:usable', status);
      expect(parseNewsMlG2(xml).articles[0]!.retracted).toBe(true);
    }
  });
});

describe('text that only looks like JSON', () => {
  it('reads a bracketed first line as plain text when nothing in it is JSON', () => {
    const parsed = parseObjectDetailed(
      utf8('[Updated] Storm hits coast\n\nMIAMI -- A storm hit the coast on Monday.\n'),
    );
    expect(parsed.format).toBe('text');
    expect(parsed.articles[0]).toMatchObject({ title: '[Updated] Storm hits coast', dateline: 'MIAMI' });
  });
});

describe('dateline look-alikes', () => {
  it('does not take editorial labels for places', () => {
    expect(matchDateline('UPDATE: The council has since reversed its decision.')).toBeUndefined();
    expect(matchDateline("EDITOR'S NOTE -- This story contains language")).toBeUndefined();
    expect(matchDateline('NEW DELHI: The government said on Monday')).toBe('NEW DELHI');
  });
});

describe('plain-text heads without blank lines', () => {
  it('splits a block of short head lines, and leaves a wrapped first paragraph alone', () => {
    const a = parsePlainText(
      'Ferry service resumes\nBy Ann Lee\nMarch 3, 2024\n\nThe ferry resumed service on Monday.\n\nMore text.',
    );
    expect(a).toMatchObject({
      title: 'Ferry service resumes',
      byline: 'Ann Lee',
      published: 'March 3, 2024',
    });
    expect(a.body).toBe('The ferry resumed service on Monday.\n\nMore text.');
    const b = parsePlainText(
      'Storm warning\n\nThe storm is expected to reach\nthe coast by Tuesday evening.\n\nMore text.',
    );
    expect(b.title).toBe('Storm warning');
    expect(b.body.split('\n\n')[0]).toBe('The storm is expected to reach the coast by Tuesday evening.');
  });
});

describe('plain-text heads with an outlet or section line above the headline', () => {
  it('takes the line below an outlet or section name for the headline', () => {
    const a = parsePlainText(
      'The Riverside Gazette\n\nCouncil approves new bridge over the river\n\nBy Ann Lee\n\nThe city council voted on Tuesday to build a second bridge.\n\nWork starts next year.',
    );
    expect(a).toMatchObject({
      title: 'Council approves new bridge over the river',
      outlet: 'The Riverside Gazette',
      byline: 'Ann Lee',
    });
    expect(a.deck).toBeUndefined();
    expect(a.body).toBe(
      'The city council voted on Tuesday to build a second bridge.\n\nWork starts next year.',
    );
    const b = parsePlainText(
      'The Daily Courier\n\nSport\n\nLocal club wins the county cup final\n\nBy Tom Hale\n\nThe club won the final on Saturday.',
    );
    expect(b).toMatchObject({
      title: 'Local club wins the county cup final',
      outlet: 'The Daily Courier',
      section: 'Sport',
    });
    expect(
      parsePlainText(
        'Politics\n\nSenate passes the budget after a long night\n\nThe Senate passed it on Friday.',
      ),
    ).toMatchObject({
      title: 'Senate passes the budget after a long night',
      section: 'Politics',
    });
  });

  it('keeps a headline that merely names an outlet, and a headline above its deck', () => {
    expect(
      parsePlainText(
        'Protesters Rally Outside The Washington Post\n\nBy Ann Lee\n\nHundreds gathered on Monday.',
      ).title,
    ).toBe('Protesters Rally Outside The Washington Post');
    const a = parsePlainText(
      'Council Approves New Bridge\n\nThe vote ends a decade of debate over the crossing\n\nBy Ann Lee\n\nThe council voted on Tuesday.',
    );
    expect(a).toMatchObject({
      title: 'Council Approves New Bridge',
      deck: 'The vote ends a decade of debate over the crossing',
    });
    expect(a.outlet).toBeUndefined();
  });
});
