/**
 * The clause component on its own: items written by hand (class and word), the content range a rule would have
 * captured (everything after the cue), and where the component says the reported clause stops. Then the same
 * shapes through the whole pipeline.
 */
import { describe, expect, it } from 'vitest';
import type { Item } from '../../pipeline/context.ts';
import { clauseReading, clauseReadingFrom, readsAsClause } from '../../pipeline/engine/clause-reading.ts';
import { contentBoundary } from '../../pipeline/engine/clauses.ts';
import { pipeline, quotesOf, summary } from '../helpers.ts';

/** "M:Pruitt C:said d:the w:plan" → items; the symbol before the colon, the word after it. */
function itemsOf(spec: string): Item[] {
  let offset = 0;
  return spec.split(' ').map((part) => {
    const [sym, text] = part.includes(':') && part !== ':' ? [part.slice(0, part.indexOf(':')), part.slice(part.indexOf(':') + 1)] : [part, part];
    const item: Item = { sym: sym ?? 'w', text: text ?? '', start: offset, end: offset + (text ?? '').length };
    offset = item.end + 1;
    return item;
  });
}

/** The words of the content the component keeps, when the content starts right after the first cue. */
function kept(spec: string): string {
  const items = itemsOf(spec);
  const from = items.findIndex((item) => item.sym === 'C') + 1;
  const range = contentBoundary(items, { from, to: items.length }, pipeline.lexicon);
  return items.slice(range.from, range.to).map((item) => item.text).join(' ');
}

describe('clause boundaries', () => {
  it("stop before the writer's -ing consequence, but not inside a list", () => {
    expect(kept('M:Pruitt C:said w:this b:is d:a w:ploy p:to w:delay d:the w:vote , w:meaning d:the w:council h:would h:not w:meet .')).toBe('this is a ploy to delay the vote');
    expect(kept('M:Treasury C:said d:the w:fines w:hit w:eight w:energy , w:shipping & w:mining w:firms .')).toBe('the fines hit eight energy , shipping & mining firms');
  });

  it('stop before a second source with its own participle, and before a negated verb of the main subject', () => {
    expect(kept('M:Reuters C:reported d:the w:storm w:killed n:12 , p:with M:officials G:reporting n:40 w:missing .')).toBe('the storm killed 12');
    expect(kept('M:Park C:agreed p:to w:add w:two w:members & h:did h:not w:accede p:to d:the w:demands .')).toBe('to add two members');
  });

  it('stop at a colon that opens a quotation, and at the comma that closes an opening "with" phrase', () => {
    expect(kept('M:Vance C:wrote M:he w:would w:attend w:anyway : Q:"See_you_there!"')).toBe('he would attend anyway');
    expect(kept('p:With M:analysts G:saying d:the w:slump h:would w:last , w:shares w:fell .').replace(/^.*?saying /, '')).toBe('the slump would last');
  });

  it('stop at the end of the sentence and at a semicolon', () => {
    expect(kept('M:Pruitt C:said d:the w:plan h:would w:fail .')).toBe('the plan would fail');
    expect(kept('M:Pruitt C:said d:the w:plan h:would w:fail ; d:the w:union w:disagreed .')).toBe('the plan would fail');
  });

  it('stop before a comment on the whole report, but keep an inserted relative clause', () => {
    expect(kept('M:Pruitt C:said d:the w:plan h:would w:fail , w:which w:surprised w:nobody .')).toBe('the plan would fail');
    expect(kept('M:Pruitt C:said d:the w:levy , w:which w:started p:in n:2019 , h:would w:end .')).toBe('the levy , which started in 2019 , would end');
  });

  it('stop before the writer\'s remarks: a subordinate clause, "without …ing", a new participle or "according to"', () => {
    expect(kept('M:group C:claimed d:the w:mayor b:was w:behind d:the w:leak , w:without w:offering w:evidence .')).toBe('the mayor was behind the leak');
    expect(kept('M:Okafor C:said d:the w:budget b:is w:balanced , w:although w:critics w:disagree .')).toBe('the budget is balanced');
    expect(kept('M:Okafor C:said d:the w:budget b:is w:balanced , G:adding T:that w:taxes h:would w:fall .')).toBe('the budget is balanced');
    expect(kept('M:Okafor C:said d:the w:budget b:is w:balanced , A:according-to M:aides .')).toBe('the budget is balanced');
  });

  it('stop before a second attribution in the same sentence', () => {
    expect(kept('M:Pruitt C:said d:the w:plan h:would w:fail , &:but M:he C:added T:that d:the w:union h:would h:not w:strike .')).toBe('the plan would fail');
    expect(kept('M:Pruitt C:said d:the w:plan h:would w:fail , &:but M:officials C:said w:otherwise .')).toBe('the plan would fail');
    expect(kept('M:company C:insists T:that M:it w:followed d:the w:law &:and h:has C:denied T:that w:staff b:were w:warned .')).toBe('that it followed the law');
    expect(kept('M:Okafor C:told M:reporters d:the w:harbour w:board w:told w:nobody , d:a M:union-spokesman C:said .')).toBe('reporters the harbour board told nobody');
  });

  it('keep a comma that goes on with the same clause', () => {
    expect(kept('M:Okafor C:said d:the w:budget , p:for d:the w:first w:time , b:is w:balanced .')).toBe('the budget , for the first time , is balanced');
  });
});

describe('clause boundaries in whole sentences', () => {
  it('read both reports of a sentence with two attributions', () => {
    expect(summary(quotesOf('Dario Pruitt said the plan would fail, but he added that the union would not strike.'))).toEqual([
      ['indirect', 'the plan would fail', 'Dario Pruitt'],
      ['indirect', 'the union would not strike', 'Dario Pruitt'],
    ]);
  });

  it('leave the writer\'s remark out of the report', () => {
    expect(summary(quotesOf('Councillor Ayla Brandt said the pool would close, which surprised nobody at the meeting.'))).toEqual([['indirect', 'the pool would close', 'Ayla Brandt']]);
    expect(summary(quotesOf('The Harbour Tenants Union claimed on Monday that the mayor was behind the leak, without offering any evidence.'))).toEqual([['indirect', 'the mayor was behind the leak', 'Harbour Tenants Union']]);
  });
});

describe('a clause without "that" after a cue that also takes an object', () => {
  it('reads a finite clause as reported content', () => {
    expect(readsAsClause('two crew members were injured')).toBe(true);
    expect(readsAsClause('most of the passengers slept in the terminal')).toBe(true);
    expect(summary(quotesOf('The ferry company confirmed two crew members were injured.'))).toEqual([['indirect', 'two crew members were injured', 'ferry company']]);
    expect(summary(quotesOf('Harbour police claimed the driver fled the scene.'))).toEqual([['indirect', 'the driver fled the scene', 'Harbour police']]);
  });

  it('leaves the cue\'s object alone', () => {
    expect(readsAsClause('plans to sell the fleet by spring')).toBe(false);
    expect(readsAsClause('three points before halftime')).toBe(false);
    expect(readsAsClause('the Harbour Gazette, referring to the mayor')).toBe(false);
    expect(quotesOf('The ferry company announced plans to sell the fleet by spring.')).toEqual([]);
    expect(quotesOf('Coach Dana Reyes added three points before halftime.')).toEqual([]);
  });
});

describe('the words a clause reading is given', () => {
  const tokensOf = (text: string): string[] => text.match(/[\p{L}\p{N}']+|[^\s\p{L}\p{N}']/gu) ?? [];
  const tail = ' and then the committee met again in the old hall beside the river to talk about the budget for next year';

  it('stops some words after the first thirteen, counting words, not punctuation', () => {
    const asked: string[] = [];
    const reading = clauseReadingFrom(tokensOf(`the ferry's new owner, a firm from Tarnby, said nothing${tail}`), (words) => { asked.push(words); return 'unknown'; });
    expect(reading).toBe('unknown');
    expect(asked).toHaveLength(1);
    const given = tokensOf(asked[0] as string).filter((token) => /[\p{L}\p{N}]/u.test(token));
    expect(given).toHaveLength(21);
    expect(asked[0]).toMatch(/^the ferry's new owner , a firm from Tarnby , said nothing and then/);
    // A short content is given whole.
    expect(clauseReadingFrom(tokensOf('two crew members were injured'), (words) => { asked.push(words); return 'clause'; })).toBe('clause');
    expect(asked[1]).toBe('two crew members were injured');
  });

  it('reads a long content as the whole of it reads', () => {
    const long = [
      ['two crew members were injured when the old ferry from Tarnby struck the northern pier of the harbour during a storm that had been forecast for days', 'clause'],
      ['plans to sell the fleet of old ferries and the two harbour tugboats by the end of next spring, according to a filing published by the port authority on its website', 'unknown'],
      ['three points before halftime, giving the visitors from Tarnby a lead that they kept until the final whistle in front of a crowd of about four thousand', 'unknown'],
    ] as const;
    for (const [content, expected] of long) {
      const tokens = tokensOf(content);
      expect(clauseReadingFrom(tokens)).toBe(expected);
      expect(clauseReadingFrom(tokens)).toBe(clauseReading(tokens.join(' ')));
    }
  });
});

describe('content after a participle', () => {
  it('reads a clause that opens with a pronoun or a preposition-like word', () => {
    expect(summary(quotesOf('The ferry line halted service on Sunday, with officials saying this is for safety reasons.'))).toContainEqual(['indirect', 'this is for safety reasons', 'officials']);
  });
  it('does not read the object of "responding to" as what was said', () => {
    expect(quotesOf('Okafor said, responding to a reporter\'s question on whether there is any deal with the union.').filter((q) => q.rule === 'reported-participle')).toEqual([]);
    expect(readsAsClause('to a reporter\'s question on whether there is any deal')).toBe(false);
  });
});

describe('a comma inside the closing quotation mark', () => {
  it('ends the reported clause before a new participle, keeping the quotation', () => {
    const found = summary(quotesOf('Harbour chief Kofi Mensah said the new tolls "cost the port a fortune," further saying, "Nobody asked the dockers."'));
    expect(found).toContainEqual(['mixed', 'the new tolls "cost the port a fortune', 'Kofi Mensah']);
    expect(found).toContainEqual(['direct', 'Nobody asked the dockers', 'Kofi Mensah']);
  });
});

describe('"and" with a past-tense verb', () => {
  it('ends the reported words: the sentence\'s own subject goes on', () => {
    expect(summary(quotesOf('Councillor Ayla Brandt urged the board to reconsider and walked out of the meeting.'))).toEqual([['indirect', 'the board to reconsider', 'Ayla Brandt']]);
  });
  it('does not end a clause that coordinates two reported facts', () => {
    expect(summary(quotesOf('Okafor said the pier was closed and the ferry was late.'))).toEqual([['indirect', 'the pier was closed and the ferry was late', 'Okafor']]);
  });
});
