/** Every input format through the whole pipeline: quotes found, and offsets that slice the article text exactly. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExtraction } from '../../pipeline/run.ts';
import { checkOutput } from '../output-check.ts';

const input = mkdtempSync(path.join(tmpdir(), 'qa-formats-in-'));
const out = mkdtempSync(path.join(tmpdir(), 'qa-formats-out-'));
const read = <T>(name: string): T[] => readFileSync(path.join(out, name), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as T);

beforeAll(async () => {
  writeFileSync(path.join(input, 'page.html'), `<!doctype html><html><head><title>Dock strike goes on</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head><body><nav>Home | World</nav>
<article><h1>Dock strike goes on</h1><p>Union leader Kees de Vries said the strike would go on "as long as it takes."</p>
<p>“We are not going back for crumbs,” de Vries told reporters. “Not this time.”</p></article></body></html>`);
  writeFileSync(path.join(input, 'feed.jsonl'), `${JSON.stringify({ id: 7, text: '"Rates stay," the governor, Ana Pereira, said.\n\nMarkets rose 😀.', title: 'Rates' })}\n`);
  writeFileSync(path.join(input, 'latin.txt'), iconv.encode('"Señor Peña está aquí," dijo el alcalde, said mayor José Núñez.\r\nThe café reopened.', 'win1252'));
  writeFileSync(path.join(input, 'wide.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('"We will rebuild," Mayor Lena Fischer said.\rNothing else.', 'utf16le')]));
  await runExtraction({ input, out, maxBytes: 1_000_000, concurrency: 4, workers: 0, articleTimeoutMs: 10_000, articleText: true });
});
afterAll(() => {
  rmSync(input, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

interface Article { article_id: string; status: string; format: string; encoding: string; text: string; title: string | null; date: string | null }
interface QuoteLine { article_id: string; start: number; end: number; text: string; speaker: string | null; speaker_mention_start: number | null; speaker_mention_end: number | null; speaker_mention: string | null }

describe('input formats end to end', () => {
  it('writes records that match the output schema (with --article-text)', async () => {
    const { articles } = await checkOutput(out);
    expect(articles.every((a) => typeof a.text === 'string')).toBe(true);
  });

  it('reads every format', () => {
    const articles = read<Article>('articles.jsonl');
    expect(articles.map((a) => [a.article_id, a.status, a.format])).toEqual([
      ['feed#7', 'ok', 'jsonl'], ['latin', 'ok', 'text'], ['page', 'ok', 'html'], ['wide', 'ok', 'text'],
    ]);
    const page = articles.find((a) => a.article_id === 'page');
    expect(page).toMatchObject({ title: 'Dock strike goes on', date: '2024-03-05' });
    expect(articles.find((a) => a.article_id === 'latin')?.text).toContain('José Núñez');
  });

  it('finds the speakers', () => {
    const quotes = read<QuoteLine>('quotes.jsonl');
    const speakers = Object.fromEntries(quotes.map((q) => [q.text, q.speaker]));
    expect(speakers['We are not going back for crumbs,']).toBe('Kees de Vries');
    expect(speakers['Rates stay,']).toBe('Ana Pereira');
    expect(speakers['We will rebuild,']).toBe('Lena Fischer');
    expect(Object.values(speakers)).toContain('José Núñez');
  });

  it('gives offsets that slice the article text by code points', () => {
    const texts = new Map(read<Article>('articles.jsonl').map((a) => [a.article_id, Array.from(a.text)]));
    const quotes = read<QuoteLine>('quotes.jsonl');
    expect(quotes.length).toBeGreaterThanOrEqual(6);
    for (const quote of quotes) {
      const chars = texts.get(quote.article_id) ?? [];
      expect(chars.slice(quote.start, quote.end).join('')).toBe(quote.text);
      if (quote.speaker_mention_start !== null && quote.speaker_mention_end !== null) {
        expect(chars.slice(quote.speaker_mention_start, quote.speaker_mention_end).join('')).toBe(quote.speaker_mention);
      }
    }
  });
});
