import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameKey, speakerPk } from '#adapters/aws/dynamodb/keys.ts';
import { nameId } from '#adapters/aws/dynamodb/read-model.ts';
import { PROJECT_ROOT } from '#local/synth.ts';
import { type Chromium, launchChromium, renderedAfterMs, traced } from '../support/chromium.ts';
import {
  articleJson,
  ingest,
  quoteParagraphs,
  type ReadApiStack,
  startReadApiStack,
} from './read-api-support.ts';

/** Where the test leaves its screenshot and the first-render figure (git-ignored). */
const OUT = process.env.PAGE_TEST_OUT ?? join(PROJECT_ROOT, '.local-stack', 'page-test');
const SAMPLES = join(PROJECT_ROOT, 'events', 'articles');

// Markup and script in every field an upload controls. Names found by the entity recognizer never
// hold markup (it reads words), so payloads ride in the metadata (title, deck, byline, outlet),
// the quotes, and a speaker name and role written into a committed version of the article.
const XSS = {
  script: `<script>window.__xss='script'</script>`,
  img: `<img src=x onerror="window.__xss='img'">`,
  js: `javascript:window.__xss='js'`,
};
const XSS_SPEAKER = `<img src=x onerror="window.__xss='speaker'"> Doe`;

let rs: ReadApiStack;
let browser: Chromium;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  // the browser first: without one the test fails at once, saying how to install it
  browser = await launchChromium();
  rs = await startReadApiStack();
  browser.context.on('request', (r) => {
    requests.push(r.url());
  });
  browser.context.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const samples: Record<string, string> = {};
  for (const f of readdirSync(SAMPLES)) samples[`articles/${f}`] = readFileSync(join(SAMPLES, f), 'utf8');
  await ingest(rs.stack, {
    ...samples,
    'articles/varga.json': articleJson({
      title: 'Orchard growers count the cost of the late frost',
      outlet: 'Valley Courier',
      published: '2026-04-02T08:00:00Z',
      paragraphs: quoteParagraphs('Tomas Varga', 200, 'orchard'),
    }),
    ...Object.fromEntries(
      [1700, 1700, 1600].map((n, i) => [
        `articles/brandt-${i}.json`,
        articleJson({
          title: `Transit board minutes, part ${i + 1}`,
          outlet: 'Metro Ledger',
          published: `2026-05-0${i + 1}T08:00:00Z`,
          paragraphs: quoteParagraphs('Lena Brandt', n, 'transit', i * 1700),
        }),
      ]),
    ),
    'articles/payloads.json': articleJson({
      title: `${XSS.script} Budget ${XSS.img} ${XSS.js}`,
      deck: XSS.img,
      byline: `By ${XSS.img}`,
      outlet: XSS.script,
      published: '2026-06-01T08:00:00Z',
      paragraphs: [
        `The Onerror Holdings board met on Monday.`,
        `"${XSS.script} is what they typed," said Priya Raman.`,
        `"${XSS.img} came next, then ${XSS.js}," said Priya Raman.`,
      ],
    }),
  });
  // a speaker name and role that carry markup, in the committed version of that article
  const stored = await rs.stack.reader.getObject(rs.stack.bucket, 'articles/payloads.json');
  const version = String(stored?.state.version);
  const pk = String(stored?.state.pk);
  await rs.stack.documents.send(
    new PutCommand({
      TableName: rs.stack.table,
      Item: {
        pk,
        sk: `V#${version}#A#00000#Q#00900`,
        version,
        kind: 'quote',
        bucket: rs.stack.bucket,
        key: 'articles/payloads.json',
        articleIndex: 0,
        quoteType: 'direct',
        text: `${XSS.js} ${XSS.img}`,
        start: 0,
        end: 10,
        speaker: XSS_SPEAKER,
        speakerRole: XSS.script,
        gsi1pk: speakerPk(XSS_SPEAKER),
        gsi1sk: `2026-06-01T08:00:00.000Z#${pk.slice(4)}#00000#00900`,
        sortDate: '2026-06-01T08:00:00.000Z',
      },
    }),
  );
  mkdirSync(OUT, { recursive: true });
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await rs?.stop();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return page;
}

async function searchFor(page: Page, name: string, button: 'Quotes by' | 'Articles mentioning') {
  await page.fill('#q', name);
  await page.getByRole('button', { name: button }).click();
}

describe('the page in Chromium', () => {
  it('searches a speaker and shows the quotes with speaker, role, cue, article title and date', async () => {
    const page = await newPage();
    await page.goto(rs.api.webUrl);
    await searchFor(page, 'elena marquez', 'Quotes by');
    const result = page.locator('#speakers li').first();
    await expect.poll(() => result.textContent()).toMatch(/^Elena Marquez \d+ quotes · PERSON$/);
    await result.getByRole('link').click();
    const first = page.locator('#quotes > li').first();
    await first.waitFor();
    const text = await first.textContent();
    expect(text).toContain('— Elena Marquez, Mayor');
    expect(text).toContain('City council approves funding to rebuild the Harbor Street bridge');
    expect(text).toMatch(/ · \d{4}-\d{2}-\d{2}/);
    expect(await page.locator('#quotes .cue').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, 'read-page.png') });

    // the article, its text with quotes and entity mentions highlighted
    await first.locator('.source a').click();
    await page.locator('#article-body').waitFor();
    expect(await page.locator('#article-title').textContent()).toBe(
      'City council approves funding to rebuild the Harbor Street bridge',
    );
    expect(await page.locator('#article-body mark.quote').count()).toBeGreaterThan(3);
    expect(await page.locator('#article-body .entity.PERSON').count()).toBeGreaterThan(2);
    expect(await page.locator('#article-body mark.quote').first().textContent()).not.toBe('');
    await page.screenshot({ path: join(OUT, 'article-page.png') });

    // an organisation and its articles
    await searchFor(page, 'Harbor Street Merchants Association', 'Articles mentioning');
    const org = page.locator('#entities li').first();
    await expect
      .poll(() => org.textContent())
      .toMatch(/^Harbor Street Merchants Association 1 article · ORGANIZATION$/);
    await org.getByRole('link').click();
    await expect
      .poll(() => page.locator('#articles > li').first().textContent())
      .toContain('City council approves funding to rebuild the Harbor Street bridge');
    await page.close();
  });

  it('stays usable at 5,000 quotes for one speaker: pages of 200, next and previous', async () => {
    const page = await newPage();
    await page.goto(rs.api.webUrl);
    await searchFor(page, 'Lena Brandt', 'Quotes by');
    const result = page.locator('#speakers li').first();
    await expect
      .poll(() => result.textContent(), { timeout: 30_000 })
      .toBe('Lena Brandt 5,000 quotes · PERSON');
    await result.getByRole('link').click();
    const status = page.locator('#quotes-page');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('page 1 · 1–200');
    expect(await page.locator('#quotes > li').count()).toBe(200);
    const firstOfPage1 = await page.locator('#quotes > li').first().textContent();
    expect(await page.locator('#quotes-prev').isDisabled()).toBe(true);
    await page.click('#quotes-next');
    await expect.poll(() => status.textContent()).toBe('page 2 · 201–400');
    expect(await page.locator('#quotes > li').count()).toBe(200);
    expect(await page.locator('#quotes > li').first().textContent()).not.toBe(firstOfPage1);
    await page.click('#quotes-prev');
    await expect.poll(() => status.textContent()).toBe('page 1 · 1–200');
    expect(await page.locator('#quotes > li').first().textContent()).toBe(firstOfPage1);
    await page.close();
  });

  it('renders markup and script from uploads as text, and nothing executes', async () => {
    const page = await newPage();
    await page.goto(rs.api.webUrl);
    const headers = (await page.request.get(rs.api.webUrl)).headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    await searchFor(page, XSS_SPEAKER, 'Quotes by');
    const result = page.locator('#speakers li').first();
    await expect.poll(() => result.textContent()).toContain(XSS_SPEAKER);
    await result.getByRole('link').click();
    const quote = page.locator('#quotes > li').first();
    await quote.waitFor();
    const shown = (await quote.textContent()) ?? '';
    expect(shown).toContain(XSS.img);
    expect(shown).toContain(XSS.js);
    expect(shown).toContain(`— ${XSS_SPEAKER}, ${XSS.script}`);
    expect(shown).toContain(`${XSS.script} Budget`);
    // the speaker's link is a page route; the article's title a page route too
    expect(await quote.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      `#/speaker/${nameId(nameKey(XSS_SPEAKER))}`,
      expect.stringMatching(/^#\/article\/[0-9a-f]{40}-0$/),
    ]);
    await quote.locator('.source a').click();
    await page.locator('#article-body').waitFor();
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain(`"${XSS.script} is what they typed,"`);
    expect(await page.locator('#article-title').textContent()).toBe(
      `${XSS.script} Budget ${XSS.img} ${XSS.js}`,
    );
    await searchFor(page, 'Priya Raman', 'Quotes by');
    await page.locator('#speakers li a').first().click();
    await page.locator('#quotes > li').first().waitFor();

    // a string, evaluated in the page (this file is type-checked without the DOM library)
    const state = await page.evaluate(`({
      xss: window.__xss,
      images: document.images.length,
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      javascriptLinks: [...document.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript:')).length,
    })`);
    expect(state).toEqual({ xss: undefined, images: 0, scripts: ['/app.js'], javascriptLinks: 0 });
    // markup parsed as HTML would have fetched /x; script would have shown in the console as refused
    expect(requests.filter((u) => !u.startsWith(`${rs.api.url}/`))).toEqual([]);
    expect(requests.filter((u) => new URL(u).pathname === '/x')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('first render of a speaker with 200 quotes, from the page trace (a figure, not a limit)', async () => {
    const page = await newPage();
    const id = nameId(nameKey('Tomas Varga'));
    const events = await traced(browser.context, page, async () => {
      await page.goto(`${rs.api.webUrl}#/speaker/${id}`);
      await expect.poll(() => page.locator('#quotes > li').count(), { timeout: 30_000 }).toBe(200);
      // the trace must outlast the listing's first frame: two animation frames later it is painted
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    });
    const ms = renderedAfterMs(events, 'news-ingest:quotes-rendered');
    expect(ms).toBeGreaterThan(0);
    writeFileSync(join(OUT, 'first-render.json'), `${JSON.stringify({ quotes: 200, firstRenderMs: ms })}\n`);
    process.stderr.write(`page: first render of 200 quotes ${ms.toFixed(0)} ms after navigation start\n`);
    await page.close();
  });
});
