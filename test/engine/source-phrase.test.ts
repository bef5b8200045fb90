/** Source phrases: what news hangs on a speaker's name, and which mention of the phrase is the speaker. */
import { describe, expect, it } from 'vitest';
import { quotesOf, summary } from '../helpers.ts';

describe('source phrases', () => {
  it('read a prepositional phrase after the name as part of the source, not as the speaker', () => {
    expect(summary(quotesOf('"We will appeal," Rep. Marta Lindgren of Vermont said.'))).toEqual([['direct', 'We will appeal', 'Marta Lindgren']]);
    expect(summary(quotesOf('Tomas Ekberg of the Harbour Workers Union told reporters that the strike would go on.'))).toEqual([['indirect', 'the strike would go on', 'Tomas Ekberg']]);
  });

  it('read an apposition closed by a comma, whatever it holds', () => {
    expect(summary(quotesOf('Dario Pruitt, a retired firefighter, said the station should never have closed.'))).toEqual([['indirect', 'the station should never have closed', 'Dario Pruitt']]);
    expect(summary(quotesOf('Ines Halloran, spokeswoman for the port authority, said the cranes were idle.'))).toEqual([['indirect', 'the cranes were idle', 'Ines Halloran']]);
    expect(summary(quotesOf('Kofi Mensah, the harbour\'s chief engineer, said, "The cranes are safe."'))).toEqual([['direct', 'The cranes are safe', 'Kofi Mensah']]);
  });

  it('take the name, not the possessor, after a possessive', () => {
    expect(summary(quotesOf('Lena Okafor\'s husband Peter Okafor, also a lawyer, said, "We are tired."'))).toEqual([['direct', 'We are tired', 'Peter Okafor']]);
  });

  it('read a subject separated from its cue by a time phrase', () => {
    expect(summary(quotesOf('Okafor on Tuesday said the parking budget is balanced.'))).toEqual([['indirect', 'the parking budget is balanced', 'Okafor']]);
    expect(summary(quotesOf('Councillor Wren Abbott in a late-night post said the vote was rigged.'))).toEqual([['indirect', 'the vote was rigged', 'Wren Abbott']]);
  });

  it('do not read a verb phrase as a source modifier', () => {
    expect(quotesOf('Okafor in March rejected the plan, and the council agreed.').length).toBe(0);
  });
});

describe('organisation names and name particles', () => {
  it('reads an organisation word followed by "of" or "for" as one organisation name', () => {
    expect(summary(quotesOf('The National Institute for Coastal Studies reported sea levels rose again last year.'))).toEqual([['indirect', 'sea levels rose again last year', 'National Institute for Coastal Studies']]);
    expect(summary(quotesOf('The Harbour Party of Working Families said the levy was unfair.'))).toEqual([['indirect', 'the levy was unfair', 'Harbour Party of Working Families']]);
  });

  it('keeps a lower-case particle inside a full name', () => {
    expect(summary(quotesOf('Marisol dela Cruz said the clinic would reopen.'))).toEqual([['indirect', 'the clinic would reopen', 'Marisol dela Cruz']]);
  });
});

describe('who is spoken to is no source', () => {
  it('skips the listener of an opening "Speaking to …" phrase', () => {
    const [quote] = quotesOf('Speaking to Ana Ruiz of the Harbour Gazette, he said, "We will rebuild the pier."');
    expect(quote).toMatchObject({ kind: 'direct', speaker_mention: 'he', rule: 'direct-lead-in' });
  });
});

describe('a bare clause after "said" that the tagger cannot see', () => {
  it('is still read when nothing speaks against it', () => {
    expect(summary(quotesOf('The ferry company said sales rose.'))).toEqual([['indirect', 'sales rose', 'ferry company']]);
  });
  it('is not read after a cue that also takes an object', () => {
    expect(quotesOf('The ferry company announced record sales.')).toEqual([]);
  });
});

describe('coordinated sources and titles before names', () => {
  it('takes the first named person of "X and Y"', () => {
    expect(summary(quotesOf('Okafor and her supporters claimed the count was rigged.'))).toEqual([['indirect', 'the count was rigged', 'Okafor']]);
  });
  it('prefers the full name over a one-word title-like mention', () => {
    expect(summary(quotesOf('Member of the Assembly (MA) Priya Halvorsen of the Harbour Party added, "This is a disgrace."')).map(([, , speaker]) => speaker)).toEqual(['Priya Halvorsen']);
  });
});
