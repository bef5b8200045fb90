/**
 * The speaker table with a bound: spilled to disk and merged, it gives exactly what it gives in memory (the
 * records, their order, the count), for any stream of quotes and any bound, and leaves no spill file behind.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MERGE_FAN_IN } from '../../pipeline/output/speaker-spill.ts';
import { SpeakerTable } from '../../pipeline/output/speakers.ts';
import { speakerId } from '../../pipeline/schema/ids.ts';
import type { QuoteRecord, SpeakerRecord } from '../../pipeline/schema/records.ts';
import { encodeQuotes } from '../../pipeline/unit-rows.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'speaker-spill-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Invented names, with case and accent variants so that the name order (localeCompare) has ties to break.
const NAMES = ['Orla Brennick', 'orla brennick', 'Örla Brennick', 'the ministry', 'Tavish Quell', 'Ysolde Marr', 'the company', 'spokeswoman', 'Ümit Dorran'];
const ROLES = [null, '', 'minister', 'spokeswoman', 'chief executive', 'Minister'];
const MENTIONS = [null, 'she', 'Brennick', 'the ministry', 'Quell', 'he'];

interface Spec { article: number; name: number; mention: boolean; role: number; said: number; type: 'person' | 'organization' | null; unattributed: boolean }

const spec: fc.Arbitrary<Spec> = fc.record({
  article: fc.nat({ max: 40 }),
  name: fc.nat({ max: NAMES.length - 1 }),
  mention: fc.boolean(),
  role: fc.nat({ max: ROLES.length - 1 }),
  said: fc.nat({ max: MENTIONS.length - 1 }),
  type: fc.constantFrom('person' as const, 'organization' as const, null),
  unattributed: fc.nat({ max: 4 }).map((n) => n === 0),
});

function quote(s: Spec, k: number): QuoteRecord {
  const name = NAMES[s.name] ?? 'x';
  const articleId = `desk-${String(s.article).padStart(2, '0')}/story`;
  const speaker = s.unattributed ? null : name;
  return {
    id: `q_${k.toString(16).padStart(16, '0')}`, article_id: articleId, source_path: `${articleId}.txt`, kind: 'direct', text: 'words',
    start: 0, end: 5, paragraph: 0, sentence: 0, utterance: 0,
    speaker, speaker_id: speaker === null ? null : speakerId({ name, type: s.type, articleId: s.mention ? articleId : null }), speaker_type: s.type,
    speaker_mention: MENTIONS[s.said] ?? null, speaker_mention_start: null, speaker_mention_end: null, speaker_role: ROLES[s.role] ?? null,
    cue: 'said', cue_start: null, cue_end: null, cue_class: 'speech', rule: null, resolution: s.mention ? 'mention' : 'name', confidence: 1,
  };
}

async function all(table: SpeakerTable): Promise<SpeakerRecord[]> {
  const out: SpeakerRecord[] = [];
  for await (const record of table.records()) out.push(record);
  return out;
}

let runs = 0;

describe('speaker table with a bound', () => {
  it('spilled and merged, gives exactly the in-memory records, order and count', async () => {
    await fc.assert(fc.asyncProperty(fc.array(spec, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), async (specs, maxHeld) => {
      const spillDir = path.join(scratch, `run-${runs++}`);
      const memory = new SpeakerTable();
      const bounded = new SpeakerTable({ spillDir, maxHeld });
      let spilled = false;
      for (const [k, s] of specs.entries()) {
        const q = quote(s, k);
        memory.add(q);
        bounded.add(q);
        await bounded.spillIfFull();
        spilled ||= existsSync(spillDir) && readdirSync(spillDir).length > 0;
      }
      const expected = await all(memory);
      expect(await all(bounded)).toEqual(expected);
      expect(bounded.size).toBe(memory.size);
      expect(bounded.size).toBe(expected.length);
      // It went to disk exactly when it would have held more than its bound, and cleared up after itself.
      expect(spilled).toBe(expected.reduce((n, r) => n + 1 + r.roles.length + r.mentions.length + r.articles.length, 0) > maxHeld);
      expect(existsSync(spillDir)).toBe(false);
    }), { numRuns: 150 });
  });

  it('merges more runs than it opens at once, in passes', async () => {
    const spillDir = path.join(scratch, 'many');
    const memory = new SpeakerTable();
    const bounded = new SpeakerTable({ spillDir, maxHeld: 1 });
    let most = 0;
    for (let k = 0; k < 400; k++) {
      const q = quote({ article: k % 37, name: k % NAMES.length, mention: k % 3 === 0, role: k % ROLES.length, said: k % MENTIONS.length, type: k % 2 ? 'person' : null, unattributed: false }, k);
      memory.add(q);
      bounded.add(q);
      await bounded.spillIfFull();
      most = Math.max(most, readdirSync(spillDir).length);
    }
    expect(most).toBeGreaterThan(MERGE_FAN_IN * 2);
    const expected = await all(memory);
    expect(expected.length).toBeGreaterThan(50);
    expect(await all(bounded)).toEqual(expected);
    expect(existsSync(spillDir)).toBe(false);
  });

  it('sorts speakers larger than their share of the bound by their key, and reads them whole one at a time', async () => {
    const spillDir = path.join(scratch, 'large');
    const memory = new SpeakerTable();
    const maxHeld = 64;
    const bounded = new SpeakerTable({ spillDir, maxHeld });
    // Every speaker is quoted in each of 41 articles: 42 entries, more than maxHeld / MERGE_FAN_IN (4).
    for (let article = 0; article <= 40; article++) {
      for (let name = 0; name < NAMES.length; name++) {
        const q = quote({ article, name, mention: false, role: 0, said: 0, type: 'person', unattributed: false }, article * 100 + name);
        memory.add(q);
        bounded.add(q);
        await bounded.spillIfFull();
      }
    }
    const expected = await all(memory);
    const got: SpeakerRecord[] = [];
    let largestInRuns = 0;
    for await (const record of bounded.records()) {
      if (got.length === 0) {
        // The runs in the file's order are written by now: none holds a speaker's articles.
        for (const file of readdirSync(spillDir).filter((name) => name.startsWith('run-'))) {
          for (const line of readFileSync(path.join(spillDir, file), 'utf8').trim().split('\n')) {
            largestInRuns = Math.max(largestInRuns, (JSON.parse(line) as { articles: string[] }).articles.length);
          }
        }
      }
      got.push(record);
    }
    expect(got).toEqual(expected);
    expect(expected.every((speaker) => speaker.articles.length === 41)).toBe(true);
    expect(largestInRuns).toBe(1);
    expect(existsSync(spillDir)).toBe(false);
  });

  it('reads back lines longer than a read, with characters of several bytes across the reads', async () => {
    const spillDir = path.join(scratch, 'long-lines');
    const memory = new SpeakerTable();
    const bounded = new SpeakerTable({ spillDir, maxHeld: 4_000 });
    // One speaker in 6,000 articles named with 2-, 3- and 4-byte characters: the part spilled first is a line of
    // some 100 kB (reads are 64 kB), the whole speaker one of 150 kB.
    for (let k = 0; k < 6_000; k++) {
      const q = { ...quote({ article: 0, name: 0, mention: false, role: 0, said: 0, type: 'person', unattributed: false }, k), article_id: `déjà-東京-\u{1F600}-${k}` };
      memory.add(q);
      bounded.add(q);
      await bounded.spillIfFull();
    }
    const expected = await all(memory);
    expect(expected[0]?.articles).toHaveLength(6_000);
    expect(await all(bounded)).toEqual(expected);
    expect(existsSync(spillDir)).toBe(false);
  });
});

describe('quotes a worker thread sends as JSON lines', () => {
  it('are the lines of the records in UTF-8, and their speaker facts give the table the records give', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.array(spec, { maxLength: 12 }), { maxLength: 30 }), async (articles) => {
      const fromRecords = new SpeakerTable();
      const fromFacts = new SpeakerTable();
      let k = 0;
      for (const specs of articles) {
        const quotes = specs.map((s) => quote(s, k++));
        const encoded = encodeQuotes(quotes);
        expect(new TextDecoder().decode(encoded.lines)).toBe(quotes.map((q) => `${JSON.stringify(q)}\n`).join(''));
        // A buffer of its own, which can be moved to another thread (not a slice of Node's shared pool).
        expect(encoded.lines.byteOffset).toBe(0);
        expect(encoded.lines.buffer.byteLength).toBe(encoded.lines.length);
        expect(encoded.count).toBe(quotes.length);
        expect(encoded.speakers).toHaveLength(quotes.filter((q) => q.speaker !== null).length);
        for (const q of quotes) fromRecords.add(q);
        for (const fact of encoded.speakers) fromFacts.add(fact);
      }
      expect(await all(fromFacts)).toEqual(await all(fromRecords));
    }), { numRuns: 100 });
  });
});
