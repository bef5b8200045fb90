/** The report's data (joins, speaker keys, offsets), its page script's text cutting, and the HTML it is put in. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { segmentText } from '../../pipeline/report/client.ts';
import { buildReportData, ReportInputError, speakerKey, utf16Mapper } from '../../pipeline/report/data.ts';
import { CLIENT_MODULE, clientModuleText } from '../../pipeline/report/generate-client.ts';
import { renderReport, scriptJson } from '../../pipeline/report/template.ts';
import { article, at, outputFolder, quote, removeTemps } from './fixtures.ts';

afterAll(removeTemps);

const TEXT_A = 'Mira Solvang said "The harbour opens in May." The ministry said it would wait.';
const TEXT_B = '"We disagree," the ministry said. Solvang added that talks go on.';

function twoArticles(withIds: boolean) {
  const id = (value: string): { speaker_id?: string } => (withIds ? { speaker_id: value } : {});
  const quotes = [
    quote({ article_id: 'a', ...at(TEXT_A, 'The harbour opens in May.'), speaker: 'Mira Solvang', speaker_type: 'person', speaker_mention: 'Mira Solvang', ...spans(TEXT_A, 'Mira Solvang', 'speaker_mention'), cue: 'said', ...spans(TEXT_A, 'said', 'cue'), resolution: 'name', rule: 'direct-before', ...id('p-solvang') }, 'The harbour opens in May.'),
    quote({ article_id: 'a', ...at(TEXT_A, 'it would wait'), kind: 'indirect', speaker: 'ministry', speaker_type: 'organization', speaker_mention: 'The ministry', resolution: 'mention', ...id('m-ministry-a') }, 'it would wait'),
    quote({ article_id: 'b', ...at(TEXT_B, 'We disagree,'), speaker: 'ministry', speaker_type: 'organization', speaker_mention: 'the ministry', resolution: 'mention', ...id('m-ministry-b') }, 'We disagree,'),
    quote({ article_id: 'b', ...at(TEXT_B, 'talks go on'), kind: 'indirect', speaker: 'Mira Solvang', speaker_type: 'person', speaker_mention: 'Solvang', speaker_role: 'harbour master', resolution: 'surname', ...id('p-solvang') }, 'talks go on'),
  ];
  const articles = [
    article({ article_id: 'a', text: TEXT_A, title: 'Harbour news' }),
    article({ article_id: 'b', text: TEXT_B }),
    article({ article_id: 'c', status: 'binary', reason: 'the file holds binary data (a PNG image)' }),
  ];
  return { quotes, articles };
}

function spans(text: string, part: string, field: 'speaker_mention' | 'cue'): Record<string, number> {
  const { start, end } = at(text, part);
  return { [`${field}_start`]: start, [`${field}_end`]: end };
}

describe('report data', () => {
  it('refuses an output folder in another format instead of showing it empty', async () => {
    const dir = outputFolder({ articles: [article({ article_id: 'a' })], quotes: [] });
    writeFileSync(path.join(dir, 'run.json'), `${JSON.stringify({ version: 'test', format: 'csv', counts: {} })}\n`);
    await expect(buildReportData(dir)).rejects.toThrow(ReportInputError);
    await expect(buildReportData(dir)).rejects.toThrow(/holds csv output/);
  });

  it('without speaker_id, counts a resolved speaker across articles and an unresolved one per article, as speakers.jsonl does', async () => {
    const data = await buildReportData(outputFolder(twoArticles(false)));
    const solvang = data.speakers.filter((s) => s.name === 'Mira Solvang');
    const ministry = data.speakers.filter((s) => s.name === 'ministry');
    expect(solvang).toHaveLength(1);
    expect(solvang[0]).toMatchObject({ quotes: 2, articles: 2, mentions: ['Mira Solvang', 'Solvang'], roles: ['harbour master'] });
    expect(ministry).toHaveLength(2);
    expect(ministry.map((s) => s.articles)).toEqual([1, 1]);
    expect(new Set(data.speakers.map((s) => s.key)).size).toBe(data.speakers.length);
    const [a, b, c] = data.articles;
    expect(a?.speakers.map((i) => data.speakers[i]?.name).sort()).toEqual(['Mira Solvang', 'ministry']);
    expect(b?.count).toBe(2);
    expect(c).toMatchObject({ status: 'binary', reason: 'the file holds binary data (a PNG image)', count: 0, text: null });
    expect(data.has_text).toBe(true);
    expect(data.run?.finished_at).toBe('2026-01-02T03:04:05.000Z');
  });

  it('with speaker_id, keys speakers by it: one id is one speaker whatever its name, two ids are two', async () => {
    const records = twoArticles(true);
    // The same id under another spelling of the name stays one speaker.
    const renamed = records.quotes[3];
    if (renamed) renamed.speaker = 'M. Solvang';
    const data = await buildReportData(outputFolder(records));
    expect(data.speakers.map((s) => s.key).sort()).toEqual(['id:m-ministry-a', 'id:m-ministry-b', 'id:p-solvang']);
    const solvang = data.speakers.find((s) => s.key === 'id:p-solvang');
    expect(solvang).toMatchObject({ quotes: 2, articles: 2 });
    expect(speakerKey({ speaker: 'x', speaker_type: null, resolution: 'name', article_id: 'a', speaker_id: null })).toBe('name:["","x",""]');
    expect(speakerKey({ speaker: null, speaker_type: null, resolution: 'none', article_id: 'a' })).toBeNull();
  });

  it('gives the page UTF-16 indexes for code point offsets, so that slicing the text gives the quote', async () => {
    const text = '🙂 Ilse Varga said "Tea 🍵 is ready" and left. 👋';
    const inner = 'Tea 🍵 is ready';
    const records = {
      articles: [article({ article_id: 'emoji', text })],
      quotes: [quote({ article_id: 'emoji', ...at(text, inner), speaker: 'Ilse Varga', speaker_type: 'person', resolution: 'name', cue: 'said', ...spans(text, 'said', 'cue'), speaker_mention: 'Ilse Varga', ...spans(text, 'Ilse Varga', 'speaker_mention') }, inner)],
    };
    const data = await buildReportData(outputFolder(records));
    const q = data.quotes[0];
    expect(q && text.slice(q.start, q.end)).toBe(inner);
    // The page slices the quote from the text; its own copy is not embedded a second time.
    expect(q?.text).toBeNull();
    expect(q && text.slice(q.cue_start, q.cue_end)).toBe('said');
    expect(q && text.slice(q.mention_start, q.mention_end)).toBe('Ilse Varga');
    const map = utf16Mapper('a😀b');
    expect([0, 1, 2, 3].map(map)).toEqual([0, 1, 3, 4]);
  });

  it('without article texts, keeps each quote\'s own text and no offsets', async () => {
    const records = twoArticles(false);
    for (const row of records.articles) delete row.text;
    const data = await buildReportData(outputFolder(records));
    expect(data.has_text).toBe(false);
    expect(data.quotes.map((q) => q.text)).toContain('The harbour opens in May.');
    expect(data.quotes.every((q) => q.start === -1 && q.end === -1)).toBe(true);
  });

  it('counts quotes whose article has no row, and refuses a line that is not a record', async () => {
    const records = twoArticles(false);
    records.quotes.push(quote({ article_id: 'nowhere', start: 0, end: 1 }, 'x'));
    const dir = outputFolder(records);
    expect((await buildReportData(dir)).orphan_quotes).toBe(1);
    writeFileSync(path.join(dir, 'quotes.jsonl'), '{"article_id": "a", "start": 0, "end": 2, "text": "Mi"}\nnot json\n');
    await expect(buildReportData(dir)).rejects.toThrow(ReportInputError);
    await expect(buildReportData(dir)).rejects.toThrow(/line 2 of .*quotes\.jsonl is not JSON/);
  });
});

describe('cutting an article text into marked segments', () => {
  it('covers the text once, marks cue and mention outside and inside the quote, and ignores offsets outside the text', () => {
    // "Quote here," Ana said.   quote 0: [1, 11); mention 0: [13, 16); cue 0: [17, 21)
    // quote 1 holds its own cue inside: [30, 40) with cue [33, 35); quote 2 lies outside the text.
    const none = { cue_start: -1, cue_end: -1, mention_start: -1, mention_end: -1 };
    const segments = segmentText(45, [
      { start: 1, end: 11, cue_start: 17, cue_end: 21, mention_start: 13, mention_end: 16 },
      { ...none, start: 30, end: 40, cue_start: 33, cue_end: 35 },
      { ...none, start: 40, end: 60 },
    ]);
    expect(segments[0]?.from).toBe(0);
    expect(segments.at(-1)?.to).toBe(45);
    for (let i = 1; i < segments.length; i++) expect(segments[i]?.from).toBe(segments[i - 1]?.to);
    const find = (from: number) => segments.find((s) => s.from === from);
    expect(find(1)).toMatchObject({ to: 11, quote: 0, cue: -1, mention: -1 });
    expect(find(13)).toMatchObject({ to: 16, quote: -1, mention: 0 });
    expect(find(17)).toMatchObject({ to: 21, quote: -1, cue: 0 });
    expect(find(30)).toMatchObject({ to: 33, quote: 1, cue: -1 });
    expect(find(33)).toMatchObject({ to: 35, quote: 1, cue: 1 });
    expect(find(35)).toMatchObject({ to: 40, quote: 1, cue: -1 });
    expect(segments.some((s) => s.quote === 2)).toBe(false);
    // Plain stretches are merged: nothing marked between 21 and 30.
    expect(find(21)).toMatchObject({ to: 30, quote: -1, cue: -1, mention: -1 });
  });
});

describe('the HTML', () => {
  it('embeds the data as JSON that no text can break out of', async () => {
    const evil = '</script><script>alert(1)</script> <!-- \u2028';
    expect(scriptJson({ evil })).not.toMatch(/<\/?script|<!--/i);
    expect(JSON.parse(scriptJson({ evil }))).toEqual({ evil });
    const records = twoArticles(false);
    const first = records.articles[0];
    if (first) first.text = `${TEXT_A} ${evil}`;
    const data = await buildReportData(outputFolder(records));
    const html = renderReport(data);
    const blocks = [...html.matchAll(/<script type="application\/json" id="report-data">([^]*?)<\/script>/g)];
    expect(blocks).toHaveLength(1);
    expect(JSON.parse(blocks[0]?.[1] ?? '')).toEqual(data);
  });

  it('is one file: no links, sources or URLs to fetch, and a policy that forbids them', async () => {
    const html = renderReport(await buildReportData(outputFolder(twoArticles(true))));
    expect(html).not.toMatch(/<link\b|\bsrc=|\bhref=|url\(|@import/i);
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  });

  it('inlines the current page script (client-script.ts is what npm run report:client writes from client.ts)', () => {
    expect(readFileSync(CLIENT_MODULE, 'utf8')).toBe(clientModuleText());
  });
});
