/** How mentions become canonical speakers. */
import { describe, expect, it } from 'vitest';
import { quotesOf, quoteWithText } from '../helpers.ts';

describe('speaker resolution', () => {
  it('a surname resolves to the full name given earlier', () => {
    const records = quotesOf('Health minister Sofia Lindgren visited the clinic.\n"We will hire more nurses," Lindgren said.');
    const found = quoteWithText(records, 'We will hire more nurses');
    expect(found?.speaker).toBe('Sofia Lindgren');
    expect(found?.resolution).toBe('surname');
    expect(found?.speaker_mention).toBe('Lindgren');
  });

  it('a surname with a particle resolves to the full name', () => {
    const records = quotesOf('Union leader Kees de Vries called a strike.\n"We will not go back," de Vries said.');
    expect(quoteWithText(records, 'We will not go back')?.speaker).toBe('Kees de Vries');
  });

  it('a capitalised particle at a sentence start is still a surname', () => {
    const records = quotesOf('Union leader Piet de Vries spoke first. De Vries added that the strike was over.');
    expect(quoteWithText(records, 'the strike was over')).toMatchObject({ speaker: 'Piet de Vries', resolution: 'surname' });
  });

  it('a capitalised role before a name is a title, not part of the name', () => {
    const records = quotesOf('"Demand is soft," Chief Executive Tim Cook told analysts.');
    expect(records[0]?.speaker).toBe('Tim Cook');
  });

  it('an age in commas stays with the name', () => {
    const records = quotesOf('Tim Cook runs the firm. Cook, 63, said on the call that buybacks would grow.');
    expect(quoteWithText(records, 'buybacks would grow')?.speaker).toBe('Tim Cook');
  });

  it('a one-word name the article gives as an organisation is that organisation', () => {
    const records = quotesOf('Apple Inc. shares fell on Friday. Apple said it had a strong pipeline.');
    expect(quoteWithText(records, 'it had a strong pipeline')).toMatchObject({ speaker: 'Apple Inc.', speaker_type: 'organization' });
  });

  it('a surname resolves to the full name given later', () => {
    const records = quotesOf('"The plan works," Lindgren said.\nSofia Lindgren has led the ministry since 2019.');
    expect(quoteWithText(records, 'The plan works')?.speaker).toBe('Sofia Lindgren');
  });

  it('a pronoun resolves to the last person who spoke, not the last name in the text', () => {
    const records = quotesOf('"Costs are rising," said Mayor Petra Holm.\nThe council had met Karl Brandt the day before.\n"We cannot wait," she added.');
    expect(quoteWithText(records, 'We cannot wait')?.speaker).toBe('Petra Holm');
  });

  it('"he" after a sentence about someone is that someone, not the last speaker', () => {
    const records = quotesOf('"I hoped," striker Jamal Okoye said.\nCity manager Pep Alvarez was furious. "It was never a penalty," he told reporters.');
    expect(quoteWithText(records, 'It was never a penalty')?.speaker).toBe('Pep Alvarez');
  });

  it('a relative of a named person is not an organisation', () => {
    const records = quotesOf("Okoye's father said he was proud.");
    expect(records[0]).toMatchObject({ speaker: "Okoye's father", speaker_type: 'person' });
  });

  it('"it" resolves to the last organisation that spoke', () => {
    const records = quotesOf('"Sales doubled," reported the Harbour Gazette.\n"Prices fell too," it adds.');
    expect(quoteWithText(records, 'Prices fell too')?.speaker).toBe('Harbour Gazette');
  });

  it('a nominal role resolves to the person the article binds to it, even when the name comes later', () => {
    const records = quotesOf('The talks have failed, the Vatican spokesman said.\n"There is no date for new talks," Vatican spokesman Matteo Bruni told reporters.');
    const first = quoteWithText(records, 'The talks have failed');
    expect(first?.speaker).toBe('Matteo Bruni');
    expect(first?.resolution).toBe('role');
    expect(first?.speaker_role).toBe('Vatican spokesman');
  });

  it('a role with another qualifier still binds by its head noun', () => {
    const records = quotesOf('Pope spokesman said the visit was cancelled.\nA spokesman for the Vatican, Matteo Bruni, confirmed the news.');
    expect(quoteWithText(records, 'the visit was cancelled')?.speaker).toBe('Matteo Bruni');
  });

  it('an indefinite role binds to a name only when the organisation matches', () => {
    const records = quotesOf('A hospital chief executive, who asked not to be named, warned that operations would be delayed.\n"Patients will suffer," said Rachel Power, chief executive of the Patients Association.');
    expect(quoteWithText(records, 'operations would be delayed')?.speaker).toBe('hospital chief executive');
  });

  it('"the official" resolves to the last person who spoke', () => {
    const records = quotesOf('Exports will fall, trade minister Ida Berg said. Imports will rise, the official added.');
    expect(quoteWithText(records, 'Imports will rise')?.speaker).toBe('Ida Berg');
  });

  it('a role the article never binds is looked up in the registry (rules/speakers.json)', () => {
    const records = quotesOf('Sanctions are illegal, the Kremlin spokesman said.');
    const found = quoteWithText(records, 'Sanctions are illegal');
    expect(found?.speaker).toBe('Dmitry Peskov');
    expect(found?.resolution).toBe('registry');
  });

  it('a registry alias gives the canonical spelling', () => {
    const records = quotesOf('"No comment," Dmitri Peskov said.');
    expect(quoteWithText(records, 'No comment')?.speaker).toBe('Dmitry Peskov');
    expect(quoteWithText(records, 'No comment')?.resolution).toBe('alias');
  });

  it('a short organisation name resolves to the longer name in the article', () => {
    const records = quotesOf('The Norwegian Wealth Fund sold its shares on Monday.\nThe Fund said the sale was routine.');
    expect(quoteWithText(records, 'the sale was routine')?.speaker).toBe('Norwegian Wealth Fund');
    expect(quoteWithText(records, 'the sale was routine')?.speaker_type).toBe('organization');
  });

  it('a place stays a place even when a longer name contains it', () => {
    const records = quotesOf('The US Treasury Department imposed sanctions.\nThe US said the sanctions would stay.');
    expect(quoteWithText(records, 'the sanctions would stay')?.speaker).toBe('US');
  });

  it('"they" is the group named just before, and no guess when there is none', () => {
    const records = quotesOf('Economists at the Institute for Fiscal Studies were sceptical. They said the plan would fail.');
    expect(quoteWithText(records, 'the plan would fail')?.speaker).toBe('Institute for Fiscal Studies');
    expect(quoteWithText(quotesOf('They said the plan would fail.'), 'the plan would fail')?.speaker).toBeNull();
  });

  it('an anonymous source is not the last person who spoke', () => {
    const records = quotesOf('"It will work," Paul Johnson said. A Treasury source said the plan was "fully costed."');
    expect(quoteWithText(records, 'the plan was "fully costed')?.speaker).toBe('Treasury');
  });

  it('a company compromise knows is an organisation, and "It" after a sentence naming one is that one', () => {
    expect(quotesOf('Google said it would appeal.')[0]).toMatchObject({ speaker: 'Google', speaker_type: 'organization' });
    const records = quotesOf('The fine is the largest the Commission has imposed. It said the firm must comply within 90 days.');
    expect(quoteWithText(records, 'the firm must comply within 90 days')?.speaker).toBe('Commission');
  });

  it('an unbound role with an organisation falls back to the organisation', () => {
    const records = quotesOf('The border will reopen, a spokesman for the Finnish Border Guard said.');
    expect(quoteWithText(records, 'The border will reopen')?.speaker).toBe('Finnish Border Guard');
  });

  it('every attribution names its rule and evidence', () => {
    const records = quotesOf('"Enough," Lindgren said.');
    const [record] = records;
    expect(record).toMatchObject({ rule: 'direct-trailing', cue: 'said', speaker_mention: 'Lindgren', speaker_mention_start: 10, speaker_mention_end: 18, cue_start: 19, cue_end: 23 });
  });

  it('a group the article does not name further is the group as written, not its first capitalised word', () => {
    const records = quotesOf('Local officials said the ferry would run again on Monday. Harbour officials said the quay was safe.');
    expect(quoteWithText(records, 'the ferry would run again on Monday')?.speaker).toBe('Local officials');
    expect(quoteWithText(records, 'the quay was safe')?.speaker).toBe('Harbour officials');
  });

  it("a plural possessive opens a group's name: the nurses' union", () => {
    const records = quotesOf("The midwives' union said the new rota was unsafe.");
    expect(quoteWithText(records, 'the new rota was unsafe')?.speaker).toBe("midwives' union");
  });

  it('"as" after an object is the claim, not part of a name', () => {
    const records = quotesOf('Coastguard officials identified the skipper as Henk Maartens of Urk.');
    expect(quoteWithText(records, 'the skipper as Henk Maartens of Urk')?.speaker).toBe('Coastguard officials');
  });

  it('a pronoun does not resolve to someone spoken to', () => {
    const records = quotesOf('Mayor Ines Calder opened the bridge on Friday. Speaking to Piet Ruys of the Courier, she said, "We have waited ten years."');
    expect(quoteWithText(records, 'We have waited ten years.')?.speaker).toBe('Ines Calder');
  });

  it('a regnal number or a generation suffix stays with the name', () => {
    const records = quotesOf("Yesterday, Norway's King Harald V announced he would open the session. Senator Ray Dunmore Jr. said the vote was close.");
    expect(quoteWithText(records, 'he would open the session')?.speaker).toBe('Harald V');
    expect(quoteWithText(records, 'the vote was close')?.speaker).toBe('Ray Dunmore Jr.');
  });

  it('a surname that looks like a plural noun at the start of a sentence still resolves to the full name', () => {
    const records = quotesOf('Inspector Lucia Torres led the search.\n Torres further claimed 40 boats were lost.');
    expect(quoteWithText(records, '40 boats were lost')?.speaker).toBe('Lucia Torres');
  });

  it('"she" goes back to the last speaker who can be a she, not to a man who spoke since', () => {
    const records = quotesOf('Jennifer Okoro, the harbour pilot, was on the bridge that night.\n\n"The fog came in fast," said Okoro.\n\n"We will review every step," said port director Thomas Berg.\n\nShe told investigators she had warned the crew.');
    expect(quoteWithText(records, 'she had warned the crew')?.speaker).toBe('Jennifer Okoro');
    expect(quoteWithText(records, 'We will review every step,')?.speaker).toBe('Thomas Berg');
  });

  it("someone's source or spokesman is not that someone", () => {
    const records = quotesOf('Governor Ilse Marr said the budget was final.\n\nThe Courier reported its anonymous source claimed two guards had fled.');
    expect(quoteWithText(records, 'two guards had fled')?.speaker).not.toBe('Ilse Marr');
  });

  it('a capitalised adverb opening the sentence is not a speaker', () => {
    const records = quotesOf('Councillor Rita Vos spoke first. Specifically, she urged the board to cut fares.');
    expect(quoteWithText(records, 'the board to cut fares')?.speaker).toBe('Rita Vos');
  });

  it('a first name before a name particle stays with the name at the start of a sentence', () => {
    const records = quotesOf('Ramil dela Cruz of the coast guard said the ferry had sunk.');
    expect(quoteWithText(records, 'the ferry had sunk')?.speaker).toBe('Ramil dela Cruz');
  });

  it('"X and others in the Y Party" is X, and "the Democratic Party" is one organisation', () => {
    const records = quotesOf('Senator Ana Ruiz and others in the Labour Party warned the delay could be a threat. The Democratic Party said the count was fair.');
    expect(quoteWithText(records, 'the delay could be a threat')?.speaker).toBe('Ana Ruiz');
    expect(quoteWithText(records, 'the count was fair')?.speaker).toBe('Democratic Party');
  });

  it('a role with a prepositional phrase and a name in commas is that person, before a colon quote', () => {
    const records = quotesOf('The new governor of the region, Ana Ruiz, during a speech on Friday, offered to cut taxes: "We will grow."');
    expect(quoteWithText(records, 'We will grow.')?.speaker).toBe('Ana Ruiz');
  });
});
