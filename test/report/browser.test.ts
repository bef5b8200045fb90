/**
 * The report in a real browser: Debian's chromium driven by playwright-core (`.ci/run` installs chromium when it
 * is missing; CHROMIUM names another binary). The sample corpus, run in-process with its texts and two files
 * that fail, is loaded from file:// with every request outside the file refused and recorded. A screenshot of
 * the page with a speaker chosen is kept in test/artifacts/report.png (not committed).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord, QuoteRecord } from '../../pipeline/records.ts';
import { ARTICLES_PER_PAGE, FAILED_PER_PAGE, SPEAKERS_PER_PAGE } from '../../pipeline/report/client.ts';
import { writeReport } from '../../pipeline/report/write.ts';
import { runExtraction } from '../../pipeline/run.ts';
import { article, outputFolder, quote, removeTemps, tempDir, type QuoteLine } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const readLines = <T>(file: string): T[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);

let browser: Browser;
beforeAll(async () => {
  // --no-sandbox: the tests run as root in CI containers, where chromium's sandbox cannot start.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  removeTemps();
});

/** Opens `file`, refusing and recording every request for anything but the file itself. */
async function open(file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => { requests.push(request.url()); });
  page.on('pageerror', (error) => { errors.push(error.message); });
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]');
  return { page, requests, errors };
}

describe('the report of the sample corpus', () => {
  let out: string;
  let quotes: QuoteRecord[];
  let articles: ArticleRecord[];
  let page: Page;
  let requests: string[];
  let errors: string[];
  let reportFile: string;

  beforeAll(async () => {
    const input = tempDir('wsw-report-in-');
    for (const name of readdirSync(path.join(ROOT, 'corpus'))) copyFileSync(path.join(ROOT, 'corpus', name), path.join(input, name));
    writeFileSync(path.join(input, 'blank-page.txt'), '   \n');
    writeFileSync(path.join(input, 'scan.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    out = tempDir('wsw-report-out-');
    await runExtraction({ input, out, maxBytes: 20 * 1024 * 1024, concurrency: 4, workers: 0, articleTimeoutMs: 30_000, articleText: true });
    quotes = readLines<QuoteRecord>(path.join(out, 'quotes.jsonl'));
    articles = readLines<ArticleRecord>(path.join(out, 'articles.jsonl'));
    reportFile = (await writeReport({ outputDir: out })).file;
    ({ page, requests, errors } = await open(reportFile));
  });

  it('loads from the file alone, with no request to anywhere and no script error', () => {
    expect(requests).toEqual([pathToFileURL(reportFile).href]);
    expect(errors).toEqual([]);
  });

  it("highlights each of Peskov's quotes, in his colour, in every article where he speaks", async () => {
    const his = quotes.filter((q) => q.speaker === 'Dmitry Peskov');
    const where = [...new Set(his.map((q) => q.article_id))];
    expect(where.length).toBeGreaterThan(1);
    const row = page.locator('#speaker-rows tr', { hasText: 'Dmitry Peskov' });
    const key = await row.getAttribute('data-speaker');
    const colour = await row.locator('.swatch').evaluate((node) => getComputedStyle(node).backgroundColor);
    for (const id of where) {
      const shown = await page.locator(`article[data-id="${id}"] .q`).evaluateAll((nodes, speaker) => nodes
        .filter((node) => (node as HTMLElement).dataset.speaker === speaker)
        .map((node) => ({ quote: (node as HTMLElement).dataset.quote, colour: getComputedStyle(node).backgroundColor })), key);
      const ids = new Set(shown.map((mark) => mark.quote));
      expect(ids, id).toEqual(new Set(his.filter((q) => q.article_id === id).map((q) => q.id)));
      const colours = new Set(shown.map((mark) => mark.colour));
      expect(colours).toEqual(new Set([colour]));
      // The highlighted text is the record's text: the offsets land where the quote is.
      for (const q of his.filter((record) => record.article_id === id)) {
        const text = await page.locator(`article[data-id="${id}"] .q[data-quote="${q.id}"]`).evaluateAll((nodes) => nodes.map((node) => node.textContent).join(''));
        expect(text).toBe(q.text);
      }
    }
  });

  it("underlines a quote's cue and speaker mention, and shows its rule, resolution and confidence on hover and click", async () => {
    const q = quotes.find((record) => record.speaker === 'Dmitry Peskov' && record.cue !== null && record.speaker_mention !== null && record.rule !== null);
    if (!q) throw new Error('the sample corpus has no Peskov quote with a cue and a mention');
    const scope = page.locator(`article[data-id="${q.article_id}"]`);
    expect(await scope.locator(`.cue[data-quote="${q.id}"]`).evaluateAll((nodes) => nodes.map((node) => node.textContent).join(''))).toBe(q.cue);
    expect(await scope.locator(`.mention[data-quote="${q.id}"]`).evaluateAll((nodes) => nodes.map((node) => node.textContent).join(''))).toBe(q.speaker_mention);
    const mark = scope.locator(`.q[data-quote="${q.id}"]`).first();
    expect(await mark.evaluate((node) => getComputedStyle(node).textDecorationLine)).toBe('none');
    expect(await scope.locator(`.cue[data-quote="${q.id}"]`).first().evaluate((node) => getComputedStyle(node).textDecorationLine)).toBe('underline');
    const title = await mark.getAttribute('title');
    expect(title).toContain(`rule: ${q.rule}`);
    expect(title).toContain(`resolution: ${q.resolution}`);
    expect(title).toContain(`confidence: ${q.confidence}`);
    await mark.click();
    const detail = page.locator('#detail');
    await expect.poll(() => detail.isVisible()).toBe(true);
    expect(await detail.locator('[data-field=rule]').textContent()).toBe(q.rule);
    expect(await detail.locator('[data-field=resolution]').textContent()).toBe(q.resolution);
    expect(await detail.locator('[data-field=confidence]').textContent()).toBe(String(q.confidence));
    expect(await detail.locator('[data-field=id]').textContent()).toBe(q.id);
    expect(await detail.locator('blockquote').textContent()).toBe(q.text);
    await detail.locator('.close').click();
  });

  it('filters the speaker table, and choosing a speaker shows and highlights only their quotes', async () => {
    const speakerCount = new Set(quotes.filter((q) => q.speaker).map((q) => q.speaker)).size;
    await page.fill('#speaker-filter', 'kirby');
    const rows = page.locator('#speaker-rows tr');
    // A row's text, with the mentions and roles that show only on hover.
    const texts = await rows.evaluateAll((nodes) => nodes.map((node) => [node.textContent, ...[...node.querySelectorAll('td')].map((cell) => cell.title)].join(' ')));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.length).toBeLessThan(speakerCount);
    for (const text of texts) expect(text.toLowerCase()).toContain('kirby');
    const row = rows.filter({ hasText: 'John Kirby' });
    await row.click();
    expect(await row.getAttribute('class')).toContain('chosen');

    const his = quotes.filter((q) => q.speaker === 'John Kirby');
    const shown = await page.locator('#articles article').evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.id));
    expect(new Set(shown)).toEqual(new Set(his.map((q) => q.article_id)));
    const chosen = await page.locator('#articles .q.sel').evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.quote));
    expect(new Set(chosen)).toEqual(new Set(his.map((q) => q.id)));
    // Quotes of others stay in the text but lose their colour.
    const other = quotes.find((q) => q.speaker !== null && q.speaker !== 'John Kirby' && shown.includes(q.article_id));
    if (!other) throw new Error('no other speaker in John Kirby\'s articles');
    const otherMark = page.locator(`.q[data-quote="${other.id}"]`).first();
    expect(await otherMark.evaluate((node) => node.classList.contains('sel'))).toBe(false);
    expect(await otherMark.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe('rgb(241, 241, 241)');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true });

    await page.click('#clear-selection');
    await page.fill('#speaker-filter', '');
    expect(await page.locator('#articles article').count()).toBe(articles.filter((a) => a.status === 'ok').length);
    expect(await rows.count()).toBe(speakerCount);
  });

  it('sorts the speaker table by a column, both ways', async () => {
    const names = (): Promise<string[]> => page.locator('#speaker-rows tr td:first-child').allTextContents();
    await page.click('#speakers th button[data-sort=name]');
    const ascending = await names();
    expect(ascending).toEqual([...ascending].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    await page.click('#speakers th button[data-sort=name]');
    expect(await names()).toEqual([...ascending].reverse());
    await page.click('#speakers th button[data-sort=quotes]');
    const counts = (await page.locator('#speaker-rows tr td:nth-child(3)').allTextContents()).map(Number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('without article texts, lists each article\'s quotes with their mention and cue', async () => {
    const bare = tempDir('wsw-report-bare-');
    for (const name of ['quotes.jsonl', 'speakers.jsonl', 'run.json', '.who-said-what.json']) copyFileSync(path.join(out, name), path.join(bare, name));
    writeFileSync(path.join(bare, 'articles.jsonl'), articles.map(({ text: _text, ...row }) => `${JSON.stringify(row)}\n`).join(''));
    const { file } = await writeReport({ outputDir: bare });
    const opened = await open(file);
    expect(opened.errors).toEqual([]);
    expect(await opened.page.locator('#notice').textContent()).toContain('--article-text');
    expect(await opened.page.locator('#articles .text').count()).toBe(0);
    for (const record of articles.filter((a) => a.status === 'ok')) {
      const items = opened.page.locator(`article[data-id="${record.article_id}"] .quote-list li`);
      const own = quotes.filter((q) => q.article_id === record.article_id);
      expect(await items.count()).toBe(own.length);
      const first = own[0];
      if (first) expect(await items.first().locator('.q').textContent()).toBe(first.text);
    }
    await opened.page.close();
  });

  it('lists the articles that were not read, with status and reason', async () => {
    const failed = articles.filter((a) => a.status !== 'ok');
    expect(failed.map((a) => a.status).sort()).toEqual(['binary', 'empty']);
    const rows = page.locator('#failed-rows tr');
    expect(await rows.count()).toBe(failed.length);
    for (const record of failed) {
      const cells = await page.locator(`#failed-rows tr[data-id="${record.article_id}"] td`).allTextContents();
      expect(cells).toEqual([record.article_id, record.source_path, record.status, record.reason]);
    }
    await page.selectOption('#status-filter', 'empty');
    expect(await rows.count()).toBe(1);
  });
});

describe('the report of 10,000 articles', () => {
  const ARTICLES = 10_000;
  const SPEAKERS = 700;
  const FAILED = 120;

  it('loads and draws one page of each list, not 10,000 articles', async () => {
    const records: { articles: ArticleRecord[]; quotes: QuoteLine[] } = { articles: [], quotes: [] };
    const speakerOf = (k: number, j: number): number => (k * 7 + j * 13) % SPEAKERS;
    for (let k = 0; k < ARTICLES; k++) {
      const id = `wire/${String(k).padStart(5, '0')}`;
      const names = [speakerOf(k, 0), speakerOf(k, 1)].map((s) => `Speaker ${String(s).padStart(3, '0')}`);
      const text = `${names[0]} said "Story ${k} has a first quote." Later ${names[1]} said "And a second one."`;
      records.articles.push(article({ article_id: id, text, title: `Story ${k}` }));
      names.forEach((name, j) => {
        const inner = j === 0 ? `Story ${k} has a first quote.` : 'And a second one.';
        const start = text.indexOf(inner);
        records.quotes.push(quote({ article_id: id, start, end: start + inner.length, speaker: name, speaker_type: 'person', resolution: 'name', rule: 'direct-before' }, inner));
      });
    }
    for (let k = 0; k < FAILED; k++) records.articles.push(article({ article_id: `broken/${k}`, status: 'binary', reason: 'binary data' }));
    const dir = outputFolder(records);
    const { file } = await writeReport({ outputDir: dir });
    const { page, requests, errors } = await open(file);
    expect(errors).toEqual([]);
    expect(requests).toHaveLength(1);

    expect(await page.locator('#articles article').count()).toBe(ARTICLES_PER_PAGE);
    expect(await page.locator('#articles .q').count()).toBe(2 * ARTICLES_PER_PAGE);
    expect(await page.locator('#speaker-rows tr').count()).toBe(SPEAKERS_PER_PAGE);
    expect(await page.locator('#failed-rows tr').count()).toBe(FAILED_PER_PAGE);
    expect(await page.locator('#article-pager .position').textContent()).toContain(`of ${ARTICLES} articles`);

    await page.locator('#article-pager .next').click();
    const second = await page.locator('#articles article').evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.id));
    expect(second).toEqual(records.articles.slice(ARTICLES_PER_PAGE, 2 * ARTICLES_PER_PAGE).map((a) => a.article_id));

    // Choosing a speaker narrows the list to their articles, still one page at a time.
    await page.fill('#speaker-filter', 'Speaker 042');
    await page.locator('#speaker-rows tr').first().click();
    const expected = new Set(records.quotes.filter((q) => q.speaker === 'Speaker 042').map((q) => q.article_id)).size;
    expect(await page.locator('#article-pager .position').textContent()).toContain(`of ${expected} articles`);
    expect(await page.locator('#articles article').count()).toBe(Math.min(expected, ARTICLES_PER_PAGE));
    expect(await page.locator('#articles .q.sel').count()).toBeGreaterThanOrEqual(Math.min(expected, ARTICLES_PER_PAGE));
    await page.close();
  });
});
