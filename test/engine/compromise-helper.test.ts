/**
 * The compromise helper thread (engine/compromise.ts): its answers are compromise's own, in this thread or not, and
 * a helper that closes or is stopped only means this thread answers. The CLI's guess of whether it may process
 * articles in its own thread (cli/early.ts).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mayProcessHere } from '../../pipeline/cli/may-process-here.ts';

type Module = typeof import('../../pipeline/engine/compromise.ts');
let current: Module | undefined;
/** A fresh copy of the module: no helper yet, compromise not loaded in this thread. */
async function fresh(): Promise<Module> {
  vi.resetModules();
  current = await import('../../pipeline/engine/compromise.ts');
  return current;
}

const TEXTS = ['Residents', 'spoke', 'Brenna', 'the two lanterns were found near the quay', 'plans to sell the fleet by spring', 'Quillbrook said: no.'];

afterEach(() => current?.stopHelper());

describe('the compromise helper thread', () => {
  it('answers what compromise in this thread answers, and this thread answers once it is stopped', async () => {
    const { compromise, compromiseJson, helperState, startCompromiseHelper, stopHelper } = await fresh();
    startCompromiseHelper();
    expect(helperState()).toBe('serving');
    const fromHelper = TEXTS.map((text) => compromiseJson(text));
    expect(helperState()).toBe('serving');
    stopHelper();
    expect(helperState()).toBe('none');
    const here = TEXTS.map((text) => compromiseJson(text));
    expect(fromHelper).toStrictEqual(here);
    // The fields callers read, as compromise gives them here.
    const own = TEXTS.map((text) => (compromise()(text).json() as Array<{ terms: Array<{ text: string; tags: string[]; post: string }> }>)
      .map((sentence) => sentence.terms.map(({ text: word, tags, post }) => ({ word, tags, post }))));
    expect(fromHelper.map((json) => json.map((sentence) => (sentence.terms ?? []).map(({ text: word, tags, post }) => ({ word, tags, post }))))).toStrictEqual(own);
    expect(fromHelper[0]?.[0]?.terms?.[0]?.tags).toContain('Plural');
    expect(fromHelper[5]?.[0]?.terms?.[1]?.post).toContain(':');
  });

  it('reads from the tagger build exactly what the full build\'s json() gives, on random texts of several sentences', async () => {
    const { compromise, readParsed, tagger } = await fresh();
    const full = compromise();
    const word = fc.constantFrom('Orlena', 'Vask', 'said', 'would', 'not', 'the', 'council', "council's", 'plans', 'to', 'sell', 'two',
      '1,200', '3.5%', 'Mr.', 'U.S.', "didn't", 'ex-mayor', 'well-known', 'é', '—', '"', '“', '”', '(', ')', ',', ';', ':', '.', '?', '!', '…',
      'announced', 'spokesman', 'whose', 'running', 'that', 'Ministry', 'of', 'Health', 'up', 'on', 'Monday', 'late');
    const text = fc.array(word, { minLength: 1, maxLength: 40 }).map((words) => words.join(' '));
    fc.assert(fc.property(text, (input) => {
      const json = (full(input).json() as Array<{ terms?: Array<{ text: string; tags: string[]; post?: string }> }>)
        .map((sentence) => ({ terms: (sentence.terms ?? []).map(({ text: termText, tags, post }) => ({ text: termText, tags, post })) }));
      expect(readParsed(tagger()(input) as unknown as Parameters<typeof readParsed>[0])).toStrictEqual(json);
    }), { numRuns: 300 });
  });

  it('closes when nobody asks, and questions after that are answered here', async () => {
    const { compromiseJson, helperState, startCompromiseHelper } = await fresh();
    startCompromiseHelper({ idleMs: 50 });
    const until = Date.now() + 30_000;
    while (helperState() !== 'closed' && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(helperState()).toBe('closed');
    expect(compromiseJson('spoke')[0]?.terms?.[0]?.tags).toContain('PastTense');
    expect(helperState()).toBe('none');
  });

  it('shared: another copy of the module asks it on a channel of its own, and it stays while the channel is open', async () => {
    // Two copies of the module stand for two threads: the first starts the helper, the second (a worker thread of a
    // pool) gets a channel to it and never loads compromise itself.
    const first = await fresh();
    first.startCompromiseHelper({ idleMs: 50 });
    expect(first.helperChannel()).toBeUndefined(); // not before the run shares it
    expect(first.shareHelper()).toBe(true);
    const channel = first.helperChannel();
    if (!channel) throw new Error('no channel');
    const second = await fresh();
    second.useHelperChannel(channel);
    const viaChannel = TEXTS.map((text) => second.compromiseJson(text));
    // Answered on the channel: its own count of answers, in the memory it shares with the helper.
    expect(Atomics.load(new Int32Array(channel.shared), 0)).toBe(TEXTS.length);
    expect(second.helperState()).toBe('serving');
    // Far past the helper's idle time, it has not closed: a channel is open.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(first.helperState()).toBe('serving');
    // More than HELPER_CALLS questions go to a shared helper.
    for (let k = 0; k <= first.HELPER_CALLS; k++) first.compromiseJson(k % 2 ? 'Brenna' : 'spoke');
    expect(first.helperState()).toBe('serving');
    const here = await fresh();
    here.tagger();
    expect(viaChannel).toStrictEqual(TEXTS.map((text) => here.compromiseJson(text)));
    // Once the channel closes (its thread ended), the helper closes when idle again.
    channel.port.close();
    const until = Date.now() + 30_000;
    while (first.helperState() !== 'closed' && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(first.helperState()).toBe('closed');
    first.stopHelper();
  });

  it('shared: a thread that has asked its share leaves the helper to the others and answers itself', async () => {
    const first = await fresh();
    first.startCompromiseHelper();
    first.shareHelper();
    const channel = first.helperChannel();
    if (!channel) throw new Error('no channel');
    const second = await fresh();
    second.useHelperChannel(channel);
    const answered = (): number => Atomics.load(new Int32Array(channel.shared), 0);
    for (let k = 0; k < first.SHARED_HELPER_CALLS; k++) second.compromiseJson(`Quorvel${k}`);
    expect(answered()).toBe(first.SHARED_HELPER_CALLS);
    expect(second.helperState()).toBe('serving');
    // The next question is answered in that thread: its channel is closed, the helper still serves the first.
    const own = second.compromiseJson('Residents');
    expect(own[0]?.terms?.[0]?.tags).toContain('Plural');
    expect(answered()).toBe(first.SHARED_HELPER_CALLS);
    expect(second.helperState()).toBe('none');
    expect(first.helperState()).toBe('serving');
    expect(first.compromiseJson('spoke')[0]?.terms?.[0]?.tags).toContain('PastTense');
    first.stopHelper();
  });

  it('is not started when this thread has the tagger already', async () => {
    const { tagger, helperState, startCompromiseHelper } = await fresh();
    tagger();
    startCompromiseHelper();
    expect(helperState()).toBe('none');
  });
});

describe('whether the CLI may process articles in its own thread', () => {
  it('not with worker threads and the user\'s rules, nor for help or the version', () => {
    expect(mayProcessHere(['corpus', '--out', 'x'])).toBe(true);
    expect(mayProcessHere(['corpus', '--workers', '0'])).toBe(true);
    expect(mayProcessHere(['corpus', '--workers', 'auto'])).toBe(true);
    // Beside threads the main thread processes articles too, except with the user's rules (run/lanes.ts).
    expect(mayProcessHere(['corpus', '--workers', '2'])).toBe(true);
    expect(mayProcessHere(['corpus', '--workers', '2', '--rules', 'mine'])).toBe(false);
    expect(mayProcessHere(['corpus', '--rules=mine', '--workers=3'])).toBe(false);
    expect(mayProcessHere(['corpus', '--rules', 'mine', '--workers', '0'])).toBe(true);
    expect(mayProcessHere(['corpus', '--rules', 'mine'])).toBe(true);
    expect(mayProcessHere(['--help'])).toBe(false);
    expect(mayProcessHere(['-V'])).toBe(false);
    expect(mayProcessHere(['--', '--workers', '2'])).toBe(true);
  });
});
