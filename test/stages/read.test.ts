import { describe, expect, it } from 'vitest';
import { processText } from '../../pipeline/pipeline.ts';
import { findDate } from '../../pipeline/stages/read.ts';
import { pipeline, quotesOf } from '../helpers.ts';

describe('read stage', () => {
  it.each([
    ['date 2016-12-22 Story highlights', '2016-12-22'],
    ['Wed Dec 21, 2016 6:13PM', '2016-12-21'],
    ['Published March 3, 2021', '2021-03-03'],
    ['3 March 2021', '2021-03-03'],
    ['no date here', null],
  ])('finds the date in %j', (line, iso) => {
    expect(findDate(line)?.iso ?? null).toBe(iso);
  });

  it('takes the title from the heading lines before the body', () => {
    const ctx = processText(pipeline, 'News Network\n\nFerry Service Cut as Storms Hit the Coast\n\nMon Jan 4, 2021 9:00AM\n\nThe ferry service was cut on Monday.');
    expect(ctx.title).toBe('Ferry Service Cut as Storms Hit the Coast');
    expect(ctx.date).toBe('2021-01-04');
  });

  it('marks boilerplate lines, which yield no quotes', () => {
    const text = 'READ MORE: Budget is fine, says minister\nThe budget passed.\nJoin the mailing list';
    const ctx = processText(pipeline, text);
    expect(ctx.paragraphs.map((p) => p.boilerplate)).toEqual([true, false, true]);
    expect(quotesOf(text)).toEqual([]);
  });

  it('keeps offsets into the original text with CRLF and lone CR line breaks', () => {
    const text = 'Intro line.\r\n"We won," coach Ana Lima said.\rThe end.';
    const [record] = quotesOf(text);
    expect(record?.text).toBe('We won,');
    expect(Array.from(text).slice(record?.start, record?.end).join('')).toBe('We won,');
  });

  it('counts offsets in code points when the text has astral characters', () => {
    const text = '🙂🙂 "Good news," Ana Lima said.';
    const [record] = quotesOf(text);
    expect(record?.start).toBe(4);
    expect(Array.from(text).slice(record?.start, record?.end).join('')).toBe('Good news,');
  });
});
