/**
 * What users did, through the real CLI with `--workers 0` (the default for small runs): a page of 200,000 unclosed
 * nested tags, a page whose comment section is larger than its article, articles whose metadata was quietly wrong,
 * and a Russian article.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_CLI } from '../cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];
afterAll(() => { for (const dir of temps) rmSync(dir, { recursive: true, force: true }); });

interface Result { code: number | null; stderr: string; articles: Array<Record<string, unknown>>; quotes: Array<Record<string, unknown>>; run: { counts: Record<string, number> } }

/** Runs the CLI on `files`, killed by a hang guard (not a timing assertion: a hang fails the test, slowness does not). */
function extract(files: Record<string, string>, args: string[] = [], guardMs = 90_000): Promise<Result> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'user-reports-'));
  temps.push(dir);
  const input = path.join(dir, 'in');
  const out = path.join(dir, 'out');
  mkdirSync(input);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(input, name), text);
  // A real process of the built CLI: a page that made the reading hang must fail the test, not block it.
  const child = spawn(process.execPath, [BUILT_CLI, input, '--out', out, '--quiet', ...args], { cwd: ROOT, detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const guard = setTimeout(() => { stderr += '[test] hang guard'; try { process.kill(-(child.pid ?? 0), 'SIGKILL'); } catch { /* gone */ } }, guardMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(guard);
      const lines = (name: string): Array<Record<string, unknown>> => {
        try {
          return readFileSync(path.join(out, name), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
        } catch {
          return [];
        }
      };
      let run = { counts: {} };
      try { run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as Result['run']; } catch { /* no run.json */ }
      resolve({ code, stderr, articles: lines('articles.jsonl'), quotes: lines('quotes.jsonl'), run: run as Result['run'] });
    });
  });
}

const byPath = (r: Result, source: string): Record<string, unknown> | undefined => r.articles.find((a) => a.source_path === source);

describe('what users reported', () => {
  it('a page of 200,000 unclosed nested tags and a page with 15,000 comments finish with --workers 0', async () => {
    const nested = `<html><head><title>Deep page</title></head><body><p>“The council will vote on Monday,” Mayor Ana Lima said.</p>${'<div><b>'.repeat(100_000)}<p>Deep text.</p></body></html>`;
    const comments = Array.from({ length: 15_000 }, (_, n) => `<div class="comment"><p><span>“Comment number ${n} is mine,” wrote reader ${n}.</span></p></div>`).join('');
    const page = `<html><head><title>Council vote</title></head><body><header><nav><a href="/">Home</a> “Menu,” it said.</nav></header>`
      + '<article><h1>Council votes on the budget</h1><p>The council voted on the budget on Monday.</p><p>“We did it,” Mayor Ana Lima said.</p></article>'
      + `<aside><p>“Buy now,” the advert said.</p></aside><section id="comments">${comments}</section><footer>“Contact us,” the footer said.</footer></body></html>`;
    const result = await extract({ 'nested.html': nested, 'comments.html': page }, ['--workers', '0', '--article-text']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(byPath(result, 'nested.html')).toMatchObject({ status: 'ok', title: 'Deep page', text: '“The council will vote on Monday,” Mayor Ana Lima said.\nDeep text.' });
    expect(byPath(result, 'comments.html')).toMatchObject({ status: 'ok', text: 'Council votes on the budget\nThe council voted on the budget on Monday.\n“We did it,” Mayor Ana Lima said.' });
    const quoted = result.quotes.map((q) => q.text);
    expect(quoted).toContain('We did it,');
    expect(quoted.some((t) => /Comment number|Buy now|Menu|Contact us/.test(String(t)))).toBe(false);
  }, 120_000);

  it('metadata as the article states it, with its source, and null rather than a guess', async () => {
    const jsonLd = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Port reopens after storm', datePublished: '2025-03-03T08:00:00Z', author: [{ '@type': 'Person', name: 'Jane Doe' }] });
    const result = await extract({
      'history.txt': 'Twenty years on, the city remembers\nThe attacks of September 11, 2001 changed the city, the mayor said on Tuesday.',
      'reuters.txt': 'WASHINGTON, March 3, 2025 (Reuters) - The Senate passed the bill, which was first drafted on June 1, 2019, officials said.',
      'score.txt': 'Rovers 3, United 1\nRovers beat United on Saturday, coach Ana Lima said.',
      'heading.md': '# Port reopens after storm\n\nThe port reopened on Monday, officials said.',
      'front.md': '---\ntitle: "Budget passes"\ndate: 2024-05-06\nauthor: Sam Roe\n---\nThe budget passed on Monday, the minister said.',
      'page.html': `<html><head><title>Port | The Example</title><meta name="author" content="Someone Else"><script type="application/ld+json">${jsonLd}</script></head><body><article><p>The port reopened on Monday after the storm of January 5, 2020, officials said.</p></article></body></html>`,
    });
    expect(result.code).toBe(0);
    const pick = (source: string): unknown => {
      const a = byPath(result, source)!;
      return [a.title, a.title_source, a.date, a.date_source, a.author, a.author_source];
    };
    expect(pick('history.txt')).toEqual(['Twenty years on, the city remembers', 'first-line', null, null, null, null]);
    expect(pick('reuters.txt')).toEqual([null, null, '2025-03-03', 'dateline', null, null]);
    expect(pick('score.txt')).toEqual([null, null, null, null, null, null]);
    expect(pick('heading.md')).toEqual(['Port reopens after storm', 'markdown-heading', null, null, null, null]);
    expect(pick('front.md')).toEqual(['Budget passes', 'front-matter', '2024-05-06', 'front-matter', 'Sam Roe', 'front-matter']);
    expect(pick('page.html')).toEqual(['Port reopens after storm', 'json-ld', '2025-03-03', 'json-ld', 'Jane Doe', 'json-ld']);
    // Front matter is metadata: no quote comes from it.
    expect(result.quotes.filter((q) => q.source_path === 'front.md').map((q) => q.text)).toEqual(['The budget passed on Monday']);
  }, 120_000);

  it('a Russian article is reported as a language the rules cannot read, unless --any-language', async () => {
    const russian = '«Почти все уровни нашего диалога с США заморожены», — заявил пресс-секретарь Кремля Дмитрий Песков в интервью РИА Новости.\n'
      + '«Мы не разговариваем друг с другом. Или делаем это по минимуму», — добавил он.\n'
      + 'Представитель Государственного департамента Джон Кирби заявил, что дипломатическое взаимодействие с Россией продолжается по широкому кругу вопросов, несмотря на разногласия.';
    const files = { 'ru.txt': russian, 'en.txt': '"We do not talk to each other," Kremlin spokesman Dmitry Peskov said on Wednesday in an interview with the RIA news agency in Moscow.\nBut State Department spokesman John Kirby said diplomatic engagement with Russia continues across a wide range of issues.', 'short.txt': '"Yes," he said.' };
    const plain = await extract(files, ['--workers', '0']);
    expect(plain.code).toBe(0);
    const ru = byPath(plain, 'ru.txt')!;
    expect(ru.status).toBe('unsupported-language');
    expect(ru.language).toMatch(/^(rus|bul|srp|ukr|bel)$/); // franc-min tells Cyrillic languages apart only roughly
    expect(ru.reason).toMatch(/reads as \w+ \((rus|bul|srp|ukr|bel)\); the rules read English only/);
    expect(byPath(plain, 'en.txt')).toMatchObject({ status: 'ok', language: 'eng' });
    expect(byPath(plain, 'short.txt')).toMatchObject({ status: 'ok', language: 'und' });
    expect(plain.quotes.some((q) => q.source_path === 'ru.txt')).toBe(false);
    expect(plain.run.counts).toMatchObject({ articles: 3, ok: 2, skipped: 1, failed: 0 });

    // With worker threads as well: the same decision is taken inside the worker.
    const any = await extract(files, ['--workers', '1', '--any-language']);
    expect(byPath(any, 'ru.txt')).toMatchObject({ status: 'ok', language: ru.language });
    expect(any.quotes.some((q) => q.source_path === 'ru.txt')).toBe(true);
  }, 120_000);
});
