/** Detection and attribution conventions of news writing, with names and sentences other than the sample corpus. */
import { describe, expect, it } from 'vitest';
import { quotesOf, quoteWithText, summary } from '../helpers.ts';

describe('direct quotes', () => {
  it('a quote split by its attribution gives two segments of one utterance', () => {
    const records = quotesOf('"The port is closed," harbour master Ilse Brandt said. "It will stay closed until Friday."');
    expect(summary(records)).toEqual([
      ['direct', 'The port is closed', 'Ilse Brandt'],
      ['direct', 'It will stay closed until Friday', 'Ilse Brandt'],
    ]);
    expect(records[0]?.utterance).toBe(records[1]?.utterance);
  });

  it('"he added" after a quote goes to the previous speaker', () => {
    const records = quotesOf('"We need rain," farmer Tomas Keller said.\n"Without it we lose the harvest," he added.');
    expect(quoteWithText(records, 'Without it we lose the harvest')?.speaker).toBe('Tomas Keller');
    expect(quoteWithText(records, 'Without it we lose the harvest')?.resolution).toBe('pronoun');
  });

  it('a colon lead-in after a participle goes to the clause subject', () => {
    const records = quotesOf('Union leader Marta Ruiz rejected the offer, saying in a statement: "This is an insult to every worker."');
    expect(quoteWithText(records, 'This is an insult to every worker')?.speaker).toBe('Marta Ruiz');
  });

  it('an appositive after the quote names the speaker', () => {
    const records = quotesOf('"Where is the money?" Jonas Eriksen, chairman of the audit committee said on Monday.');
    expect(quoteWithText(records, 'Where is the money?')?.speaker).toBe('Jonas Eriksen');
  });

  it('a quote continued into the next paragraph keeps its speaker', () => {
    const records = quotesOf('Asked about the strike, Eriksen told the BBC: "We will not pay.\n"Not now and not later."');
    expect(summary(records).map(([, text, speaker]) => [text, speaker])).toEqual([
      ['We will not pay', 'Eriksen'],
      ['Not now and not later', 'Eriksen'],
    ]);
  });

  it('an attribution in the second paragraph reaches the first segment too', () => {
    const records = quotesOf('"We will not pay.\n"Not now and not later," the chairman, Jonas Eriksen, said.');
    expect(records.map((r) => r.speaker)).toEqual(['Jonas Eriksen', 'Jonas Eriksen']);
  });

  it('a block paragraph after "X noted:" is a quote of X', () => {
    const records = quotesOf('The Coastal Times noted:\nThe ferry has been cancelled four times this month.');
    expect(quoteWithText(records, 'The ferry has been cancelled four times this month')?.speaker).toBe('Coastal Times');
  });

  it('two speakers in one paragraph each get their own quote', () => {
    const records = quotesOf('"Prices must fall," Anna Weber said, while "prices will rise" was all Karl Lenz would say. "We disagree," Lenz said.');
    expect(quoteWithText(records, 'Prices must fall')?.speaker).toBe('Anna Weber');
    expect(quoteWithText(records, 'We disagree')?.speaker).toBe('Karl Lenz');
  });

  it('a quote with no speaker anywhere stays unattributed', () => {
    const records = quotesOf('"Nobody saw it coming."\nThe storm hit the coast at dawn.');
    expect(summary(records)).toEqual([['direct', 'Nobody saw it coming', null]]);
  });

  it('scare quotes and titles are not speech', () => {
    expect(quotesOf('The so-called "peace dividend" never came.')).toEqual([]);
    expect(quotesOf('Critics panned the film "Dark Water" at the festival.')).toEqual([]);
  });

  it('a quote inside a headline', () => {
    const records = quotesOf('Mayor Says Budget Is "Balanced At Last"\n\nThe city budget passed on Tuesday.');
    expect(records.every((r) => r.kind !== 'direct')).toBe(true);
  });

  it('apostrophes do not open quotes', () => {
    const records = quotesOf("Norway's minister said the fund doesn’t invest in coal, and it won’t.");
    expect(records).toHaveLength(1);
    expect(records[0]?.kind).toBe('indirect');
  });

  it('nested quotes stay inside one direct quote', () => {
    const records = quotesOf('"She told me \'do not come back\' and shut the door," the tenant, Paula Sousa, said.');
    expect(summary(records)).toEqual([['direct', "She told me 'do not come back' and shut the door", 'Paula Sousa']]);
  });
});

describe('datelines', () => {
  it.each([
    ['WASHINGTON (Reuters) - The Senate passed the bill, officials said.', 'The Senate passed the bill'],
    ['PARADISE, Calif. (AP) — A wildfire forced thousands to flee, officials said.', 'A wildfire forced thousands to flee'],
    ['(CNN)The talks collapsed, officials said.', 'The talks collapsed'],
  ])('%s: the dateline is not part of the reported clause', (text, content) => {
    expect(summary(quotesOf(text))).toEqual([['indirect', content, 'officials']]);
  });
});

describe('mixed quotes', () => {
  it('a reported clause with a quoted fragment is one mixed quote', () => {
    const records = quotesOf('The ministry reacted sharply, with spokeswoman Leila Haddad saying the report "ignores the facts."');
    expect(summary(records)).toEqual([['mixed', 'the report "ignores the facts', 'Leila Haddad']]);
  });

  it('"adding that" after a direct quote goes to the same speaker', () => {
    const records = quotesOf('"We acted within the law," Haddad said, adding that the inquiry would "clear everyone."');
    expect(quoteWithText(records, 'the inquiry would "clear everyone')?.speaker).toBe('Haddad');
    expect(quoteWithText(records, 'the inquiry would "clear everyone')?.kind).toBe('mixed');
  });
});

describe('indirect quotes', () => {
  it.each([
    ['X said that …', 'Finance minister Carla Moretti said on Monday that taxes would not rise.', 'taxes would not rise', 'Carla Moretti'],
    ['X said …', 'Moretti said the deficit was under control.', 'the deficit was under control', 'Moretti'],
    ['…, X said.', 'The deficit is under control, Moretti said.', 'The deficit is under control', 'Moretti'],
    ['…, says X', 'Taxes will not rise, says the finance ministry.', 'Taxes will not rise', 'finance ministry'],
    ['according to X', 'Two planes were grounded, according to the airline.', 'Two planes were grounded', 'airline'],
    ['X told Y that …', 'Moretti told Reuters that the bank was safe.', 'the bank was safe', 'Moretti'],
    ['X insists that …', 'Rome insists that the bridge is safe.', 'the bridge is safe', 'Rome'],
    ['X denied that …', 'The company denied that it had paid bribes.', 'it had paid bribes', 'company'],
    ['X demanded that …', 'The union has demanded that wages rise by five percent.', 'wages rise by five percent', 'union'],
    ['headline', 'Ministry says exports fell in March', 'exports fell in March', 'Ministry'],
  ])('%s', (_, text, quote, speaker) => {
    const found = quoteWithText(quotesOf(text), quote);
    expect(found?.kind).toBe('indirect');
    expect(found?.speaker?.toLowerCase()).toBe(speaker.toLowerCase());
  });

  it('cue verbs in other senses are not speech', () => {
    expect(quotesOf('The company added 500 jobs in March.')).toEqual([]);
    expect(quotesOf('Lenz said on Tuesday.')).toEqual([]);
    expect(quotesOf('The regulator called a meeting for Friday.')).toEqual([]);
  });

  it('a denial without a clause is not a quote', () => {
    expect(quotesOf('The company has denied wrongdoing.')).toEqual([]);
    expect(quotesOf('The region declared independence in 1991.')).toEqual([]);
  });

  it('a passive "was said to" is not reported speech', () => {
    expect(quotesOf('The meeting was said to have lasted four hours.')).toEqual([]);
    expect(quotesOf('The barrier was described as "state of the art" when it opened.')).toEqual([]);
  });

  it('a group can speak: "officials said", "Residents say"', () => {
    expect(summary(quotesOf('Hundreds were evacuated overnight, officials said.'))).toEqual([['indirect', 'Hundreds were evacuated overnight', 'officials']]);
    expect(summary(quotesOf('Residents say the dam was never inspected.'))).toEqual([['indirect', 'the dam was never inspected', 'Residents']]);
  });

  it('a group is no antecedent for "she"', () => {
    const records = quotesOf('"We lost everything," the mayor, Linda Grant, said.\nResidents say the dam was never inspected.\nShe said she was "heartbroken."');
    expect(quoteWithText(records, 'she was "heartbroken')?.speaker).toBe('Linda Grant');
  });

  it('decimal numbers do not end the reported clause', () => {
    expect(summary(quotesOf('The agency said the river reached 5.2 metres overnight.'))).toEqual([['indirect', 'the river reached 5.2 metres overnight', 'agency']]);
  });

  it('a negated cue reports nothing', () => {
    expect(quotesOf('She did not say whether she would resign.')).toEqual([]);
    expect(quotesOf('The minister never said that taxes would rise.')).toEqual([]);
  });

  it('a relative clause may stand between the source and the cue', () => {
    const records = quotesOf('Senator Rosa Diaz, who voted against the bill, said it was "a monument to waste" and accused leaders of rushing.');
    expect(summary(records)).toEqual([['mixed', 'it was "a monument to waste', 'Rosa Diaz']]);
  });

  it('a reason clause after the content is cut off', () => {
    const found = quotesOf('Lenz said he could not attend, because he was abroad.');
    expect(summary(found)).toEqual([['indirect', 'he could not attend', 'Lenz']]);
  });

  it('two cues joined by "and" give two quotes of one speaker', () => {
    const records = quotesOf('Oslo insists that the deal is fair and has denied that it broke any rule.');
    expect(summary(records)).toEqual([
      ['indirect', 'the deal is fair', 'Oslo'],
      ['indirect', 'it broke any rule', 'Oslo'],
    ]);
  });
});
