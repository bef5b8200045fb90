/**
 * Pathological inputs built in the test. Each one runs in a worker thread under a hang guard (guarded.ts) that
 * really stops the pipeline, and must finish with every record inside the text and no quote crossing a line break.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GuardedPipeline, type CaseResult } from './guarded.ts';

const GUARD_MS = 60_000;
const TEST_TIMEOUT = GUARD_MS + 15_000;
const guarded = new GuardedPipeline();
afterAll(() => guarded.close());

const CORPUS = path.resolve(import.meta.dirname, '../../corpus');
const corpusFiles = readdirSync(CORPUS).filter((name) => name.endsWith('.txt')).sort();
const firstArticle = readFileSync(path.join(CORPUS, corpusFiles[0] ?? ''), 'utf8');

/** Runs the text under the guard and checks the invariants every case shares. */
async function survive(text: string, repeat = 1): Promise<CaseResult> {
  const result = await guarded.run(text, { guardMs: GUARD_MS, repeat });
  expect(result.violations).toEqual([]);
  return result;
}

describe('pathological inputs', () => {
  it('an opening mark never closed stops at the end of its paragraph', async () => {
    const text = 'Kremlin spokesman Dmitry Peskov said: “Nearly all levels of our dialogue have been frozen. We do not talk.\n'
      + 'The sanctions were imposed on Wednesday, officials said.\n'
      + '“And this one never closes either';
    const result = await survive(text);
    const direct = result.records.filter((r) => r.kind === 'direct');
    expect(direct.map((r) => r.text)).toEqual(['Nearly all levels of our dialogue have been frozen. We do not talk.', 'And this one never closes either']);
    expect(result.records.some((r) => r.text.includes('sanctions') && r.kind === 'direct')).toBe(false);

    // One opener in front of a 100 kB paragraph, and ten thousand openers that never close on one line.
    const sentence = 'The talks stalled again on Wednesday and the ministry said nothing more about them. ';
    await survive(`“${sentence.repeat(Math.ceil(100_000 / sentence.length))}`);
    await survive('“a b c '.repeat(10_000));
  }, TEST_TIMEOUT);

  it('stray closing marks open nothing they should not', async () => {
    const text = 'The talks are over.” Peskov said nothing. » And ” then ’ nothing ” at all.\n'
      + '’ » ” ›\n'
      + '“We do not talk to each other,” Peskov said.';
    const result = await survive(text);
    expect(result.records.filter((r) => r.kind === 'direct').map((r) => r.text)).toEqual(['We do not talk to each other,']);
    await survive('” » ’ › '.repeat(20_000));
  }, TEST_TIMEOUT);

  it('a 5 MB single-line text', async () => {
    const line = corpusFiles.map((name) => readFileSync(path.join(CORPUS, name), 'utf8')).join(' ').replace(/\s*[\r\n]+\s*/g, ' ');
    const copies = Math.ceil(5_000_000 / Buffer.byteLength(line));
    const text = Array.from({ length: copies }, () => line).join(' ');
    expect(text).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(5_000_000);
    const result = await survive(text);
    expect(result.paragraphs).toBe(1);
    // The corpus quotes are still found in one huge line: at least as many as one pass over the corpus gives per copy.
    const perCopy = (await survive(line)).records.length;
    expect(perCopy).toBeGreaterThan(10);
    expect(result.records.length).toBe(perCopy * copies);
  }, TEST_TIMEOUT);

  it('10,000 quotes in one article, one per line and all in one paragraph', async () => {
    const quotes = Array.from({ length: 10_000 }, (_, n) => `"Quote ${n}," he said.`);
    for (const separator of ['\n', ' ']) {
      const result = await survive(quotes.join(separator));
      expect(result.records.length).toBe(10_000);
      expect(result.records.every((r, n) => r.kind === 'direct' && r.text === `Quote ${n},`)).toBe(true);
    }
  }, TEST_TIMEOUT);

  it('deeply nested quotes (“ ‘ “ ‘ … ’ ” ’ ”)', async () => {
    for (const depth of [50, 5_000]) {
      const opens = Array.from({ length: depth }, (_, d) => `${d % 2 === 0 ? '“' : '‘'}level ${d} `).join('');
      const closes = Array.from({ length: depth }, (_, d) => `${(depth - 1 - d) % 2 === 0 ? '”' : '’'} back ${depth - 1 - d}`).join(' ');
      const result = await survive(`Peskov said ${opens}core${closes}, he added.\n“After the nest,” Peskov said.`);
      expect(result.records.some((r) => r.kind === 'direct' && r.text === 'After the nest,')).toBe(true);
    }
  }, TEST_TIMEOUT);

  it('inch and feet marks are no quotation marks', async () => {
    const text = 'Police said the suspect is a 5\' 10" man who carried a 12" pipe and a 3/4" wrench.\n'
      + '"We found him near the 8\' fence," an officer said.\n'
      + 'The 2" x 4" boards were 6\' long and the 12" pipe weighed 9 lb.';
    const result = await survive(text);
    expect(result.records.filter((r) => r.kind === 'direct').map((r) => r.text)).toEqual(['We found him near the 8\' fence,']);
  }, TEST_TIMEOUT);

  it('quote marks in code-like text', async () => {
    const code = [
      'const s = "he said"; if (x == \'"\') { print("Quote \\"nested\\" here, he said"); }',
      'foo(\'bar\', "baz", `qux`) // "comment," he said.',
      'x = "unterminated',
      "y = '' + \"\" + \"'\" + '\"' + \"“\" + '”';",
      '<a href="https://example.com/?q=\'x\'">“link”</a>',
      '{"quote": "We do not talk,", "speaker": "Peskov said"}',
    ].join('\n');
    await survive(code);
    await survive(code.repeat(2_000));
  }, TEST_TIMEOUT);

  it('a 200,000-character sentence with no punctuation', async () => {
    const words = ['the', 'Kremlin', 'spokesman', 'Dmitry', 'Peskov', 'said', 'that', 'talks', 'with', 'Washington', 'had', 'stalled', 'he', 'told', 'reporters', 'according', 'to', 'officials', 'in', 'Moscow'];
    let text = '';
    for (let k = 0; text.length < 200_000; k++) text += `${words[(k * 7) % words.length]} `;
    text = text.slice(0, 200_000);
    expect(text).not.toMatch(/[.,;:!?"“”\n]/);
    const result = await survive(text);
    expect(result.paragraphs).toBe(1);
    // The same sentence inside one pair of quotation marks, closed and unclosed.
    await survive(`“${text}” Peskov said.`);
    await survive(`“${text}`);
  }, TEST_TIMEOUT);

  it('scales linearly: 8× the copies of one article costs well under 30× the time', async () => {
    // The fastest of three runs each; a linear pipeline gives about 8, a quadratic one about 64.
    const copies = (n: number): string => Array.from({ length: n }, () => firstArticle).join('\n');
    await survive(copies(4)); // warm the worker's JIT
    const small = await survive(copies(16), 3);
    const large = await survive(copies(128), 3);
    expect(large.records.length).toBe(small.records.length * 8);
    const ratio = large.ms / small.ms;
    expect(ratio, `16 copies ${small.ms.toFixed(0)} ms, 128 copies ${large.ms.toFixed(0)} ms`).toBeLessThan(30);
  }, TEST_TIMEOUT * 2);

  it('the hang guard stops a run that outlives it (and the next case still runs)', async () => {
    const big = Array.from({ length: 64 }, () => firstArticle).join('\n');
    await expect(guarded.run(big, { guardMs: 1, repeat: 50 })).rejects.toThrow(/did not finish within 1 ms/);
    const result = await survive(firstArticle);
    expect(result.records.length).toBeGreaterThan(0);
  }, TEST_TIMEOUT);
});
