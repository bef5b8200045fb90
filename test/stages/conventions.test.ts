/**
 * Shapes real news uses (see ../shared/cases/news-conventions.md), each with invented names and sentences:
 * what a careful reader marks.
 */
import { describe, expect, it } from 'vitest';
import { quotesOf, summary } from '../helpers.ts';

describe('according to', () => {
  it('takes a noun phrase with no name as its source', () => {
    expect(summary(quotesOf('Two climbers were rescued overnight, according to police.'))).toEqual([['indirect', 'Two climbers were rescued overnight', 'police']]);
    expect(summary(quotesOf('According to her publicist, the singer cancelled the tour.'))).toEqual([['indirect', 'the singer cancelled the tour', 'publicist']]);
    expect(summary(quotesOf('According to data from the Marlow Traffic Institute, crashes rose by a fifth.'))).toEqual([['indirect', 'crashes rose by a fifth', 'Marlow Traffic Institute']]);
  });

  it('reads a name in apposition to the source as the speaker', () => {
    expect(summary(quotesOf('According to the harbour master, Ilse Brandt, two cranes were damaged.'))).toEqual([['indirect', 'two cranes were damaged', 'Ilse Brandt']]);
  });

  it('reads "according to" inserted in the content as one unit', () => {
    expect(summary(quotesOf('One ferry was, according to the coast guard, still missing on Sunday.'))).toEqual([['indirect', 'One ferry was, according to the coast guard, still missing on Sunday', 'coast guard']]);
  });

  it('keeps a trailing "according to" with a relative clause after it', () => {
    const found = summary(quotesOf('The bridge closed at noon, according to police, who said nobody was hurt.'));
    expect(found).toContainEqual(['indirect', 'The bridge closed at noon', 'police']);
  });
});

describe('an attribution inside the content', () => {
  it('reads "A, X said, B" as one unit', () => {
    expect(summary(quotesOf('The new budget, Councillor Ayla Brandt said, will not raise property taxes.'))).toEqual([['indirect', 'The new budget, Councillor Ayla Brandt said, will not raise property taxes', 'Ayla Brandt']]);
    expect(summary(quotesOf('The harbour, the port director added, will reopen in May.'))).toEqual([['indirect', 'The harbour, the port director added, will reopen in May', 'port director']]);
  });

  it('reads "A, as X noted, B" as one unit', () => {
    expect(summary(quotesOf('The deficit, as Okafor noted last week, is the largest in a decade.'))).toEqual([['indirect', 'The deficit, as Okafor noted last week, is the largest in a decade', 'Okafor']]);
  });

  it('does not join a new clause of the writer to the report', () => {
    expect(summary(quotesOf('A wildfire forced thousands to flee on Tuesday, officials said, as strong winds pushed the flames east.'))).toEqual([['indirect', 'A wildfire forced thousands to flee on Tuesday', 'officials']]);
  });
});

describe('speech acts with quoted words', () => {
  it('reads a characterisation of a possessed object, and stops before "according to"', () => {
    expect(summary(quotesOf('Okafor called the mayor\'s conduct a "breach of his duties," according to the Gazette.'))).toEqual([['mixed', 'the mayor\'s conduct a "breach of his duties', 'Okafor']]);
  });
  it('leaves an inverted attribution between two quotations to the direct rules', () => {
    expect(summary(quotesOf('"We stand ready" tweeted Okafor "to help the harbour in every way we can."'))).toEqual([
      ['direct', 'We stand ready', 'Okafor'],
      ['direct', 'to help the harbour in every way we can', 'Okafor'],
    ]);
  });
});

describe('infinitive complements', () => {
  it('reads "vowed to", "urged X to" and "called on X to"', () => {
    expect(summary(quotesOf('Transit chief Omar Lindqvist vowed to keep every fare frozen until 2027.'))).toEqual([['indirect', 'to keep every fare frozen until 2027', 'Omar Lindqvist']]);
    expect(summary(quotesOf('Councillor Ayla Brandt urged voters to reject the ferry levy.'))).toEqual([['indirect', 'voters to reject the ferry levy', 'Ayla Brandt']]);
    expect(summary(quotesOf('The dock workers union called on the port authority to reopen the talks.')).map(([kind, text]) => [kind, text])).toEqual([['indirect', 'the port authority to reopen the talks']]);
  });
  it('does not read "urged caution" as an infinitive', () => {
    expect(quotesOf('Councillor Ayla Brandt urged caution at the meeting on Monday.')).toEqual([]);
  });
});

describe('small shapes of reported clauses', () => {
  it('reads a clause that opens with "this"', () => {
    expect(summary(quotesOf('The port director estimated this would take two weeks.'))).toEqual([['indirect', 'this would take two weeks', 'port director']]);
  });
  it('reads "local media" as a group source', () => {
    expect(summary(quotesOf('Local media reported most of the passengers were rescued.')).map(([kind, text]) => [kind, text])).toEqual([['indirect', 'most of the passengers were rescued']]);
  });
});

describe('a base form that is also a noun', () => {
  it('is a cue after a plural subject', () => {
    expect(summary(quotesOf('Activists claim the river is still polluted.'))).toEqual([['indirect', 'the river is still polluted', 'Activists']]);
    expect(summary(quotesOf('Residents report the ferry has been late all week.'))).toEqual([['indirect', 'the ferry has been late all week', 'Residents']]);
  });
  it('is a noun after anything else', () => {
    expect(quotesOf('A harbour report found the ferry was late all week.').filter((q) => q.cue === 'report')).toEqual([]);
    expect(quotesOf('The union claim was rejected by the court.')).toEqual([]);
  });
});

describe('claims made by characterising something', () => {
  it('reads "described/identified/denounced X as Y" from the object to the end of the claim', () => {
    expect(summary(quotesOf('Senator Mara Quist described the levy as a tax on commuters.'))).toEqual([['indirect', 'the levy as a tax on commuters', 'Mara Quist']]);
    expect(summary(quotesOf('Harbour police identified the driver as Joris Veldkamp, 34, of Delft.'))).toEqual([['indirect', 'the driver as Joris Veldkamp, 34, of Delft', 'Harbour police']]);
    expect(summary(quotesOf('Tomas Erling denounced the budget as "a gift to landlords".'))).toEqual([['mixed', 'the budget as "a gift to landlords', 'Tomas Erling']]);
  });
  it('reads "called it Z" and "considers it a Z"', () => {
    expect(summary(quotesOf('Economist Lena Hart called it unlikely that the bank would cut rates.'))).toEqual([['indirect', 'it unlikely that the bank would cut rates', 'Lena Hart']]);
  });
  it('does not read "as soon as" or a phone call as a claim', () => {
    expect(quotesOf('Inspector Ruud Baan called the families as soon as the ferry docked.')).toEqual([]);
    expect(quotesOf('Economist Lena Hart called him on Monday.')).toEqual([]);
  });
});

describe('coordinated verbs and compound objects', () => {
  it('reads "X spoke … and urged Y to …" with the subject as the speaker', () => {
    expect(summary(quotesOf('Mayor Tessa Lindqvist spoke at the rally and urged residents to stay calm.'))).toEqual([['indirect', 'residents to stay calm', 'Tessa Lindqvist']]);
  });
  it('reads a compound object before the infinitive', () => {
    expect(summary(quotesOf('Premier Ilse Varga called on Latvia and Estonia to join the grid.'))).toEqual([['indirect', 'Latvia and Estonia to join the grid', 'Ilse Varga']]);
  });
  it('reads a promise with a bare clause and a month after the cue', () => {
    expect(summary(quotesOf('Governor Ana Brix has promised each family will be paid in full.'))).toEqual([['indirect', 'each family will be paid in full', 'Ana Brix']]);
    expect(summary(quotesOf('The fisheries board said in May the quota might be cut.'))).toEqual([['indirect', 'the quota might be cut', 'fisheries board']]);
  });
});

describe('requests as participles', () => {
  it('reads "…, asking to …" and "a letter urging X to …" with the clause subject as the source', () => {
    expect(summary(quotesOf('Chief constable Mara Olsen wrote to the embassy in Oslo asking to waive the driver\'s immunity.'))).toEqual([['indirect', 'to waive the driver\'s immunity', 'Mara Olsen']]);
    expect(summary(quotesOf('With analyst Chen Wei saying the slump could last months, shares fell.'))).toEqual([['indirect', 'the slump could last months', 'Chen Wei']]);
  });
  it('does not take a verb after "to" for part of a name', () => {
    expect(summary(quotesOf('Senator Ida Moe may have encouraged newly elected mayor Karl Hess to investigate Ivo Brandt.'))).toEqual([['indirect', 'newly elected mayor Karl Hess to investigate Ivo Brandt', 'Ida Moe']]);
  });
});

describe('orders, expectations and characterisations of a possessed thing', () => {
  it('reads "ordered/pressed/directed X to …" and "expects X to …"', () => {
    expect(summary(quotesOf('The harbour board ordered the ferry operator to cut fares.'))).toEqual([['indirect', 'the ferry operator to cut fares', 'harbour board']]);
    expect(summary(quotesOf('Senator Ada Quinn pressed the governor to release the audit.'))).toEqual([['indirect', 'the governor to release the audit', 'Ada Quinn']]);
  });
  it('reads "called X\'s apology a \\"…\\""', () => {
    expect(summary(quotesOf('Okafor called the minister\'s apology a "cynical stunt."'))).toEqual([['mixed', 'the minister\'s apology a "cynical stunt', 'Okafor']]);
  });
  it('keeps "told the press" an addressee', () => {
    expect(summary(quotesOf('Residents told the press the officers were searching for a bomb.'))).toEqual([['indirect', 'the officers were searching for a bomb', 'Residents']]);
  });
});

describe('nested attribution', () => {
  it('reads the innermost report, with the innermost source', () => {
    expect(summary(quotesOf('The Courier reported its anonymous source claimed two guards had fled.'))).toEqual([['indirect', 'two guards had fled', 'anonymous source']]);
  });
  it('keeps a content whose own subject cannot or did not speak', () => {
    expect(summary(quotesOf('Vance said he can\'t say that yet.'))).toEqual([['indirect', 'he can\'t say that yet', 'Vance']]);
    expect(summary(quotesOf('The council has demanded that the port officially declare its accounts.'))).toEqual([['indirect', 'the port officially declare its accounts', 'council']]);
  });
});

describe('passives with an agent, and "according to" inside a sentence', () => {
  it('reads "X was identified as Y by Z" as one unit with Z as the speaker', () => {
    expect(summary(quotesOf('The missing diver was identified as Pieter Vos by a coastguard spokesperson.'))).toEqual([['indirect', 'The missing diver was identified as Pieter Vos', 'coastguard spokesperson']]);
  });
  it('does not read a passive without a speech verb', () => {
    expect(quotesOf('The bridge was built in 1932 by a Dutch firm.')).toEqual([]);
  });
  it('reads "… and according to X <clause>" without a comma', () => {
    expect(summary(quotesOf('The ferry sank in March and according to the coastguard it was badly overloaded.'))).toEqual([['indirect', 'it was badly overloaded', 'coastguard']]);
  });
});

describe('quotations from a document', () => {
  it('gives a statement\'s words to whoever put it out', () => {
    expect(summary(quotesOf('The dockworkers\' union issued a statement which said, "We will not go back without a deal."'))).toEqual([['direct', 'We will not go back without a deal', 'dockworkers\' union']]);
  });
  it('keeps "Commission on …" one organisation, but not "Department on Tuesday"', () => {
    expect(summary(quotesOf('The Commission on Coastal Safety said the harbour wall was unsafe. The Transport Department on Tuesday said fares would rise.')).map(([, , speaker]) => speaker)).toEqual(['Commission on Coastal Safety', 'Transport Department']);
  });
});

describe('speech nouns without "that"', () => {
  it('reads "X\'s claim the bridge was unsafe" but not "X\'s statement the next morning"', () => {
    expect(summary(quotesOf('The mayor backed the council\'s claim the bridge was unsafe.'))).toEqual([['indirect', 'the bridge was unsafe', 'council']]);
    expect(quotesOf('The mayor read the council\'s statement the next morning.')).toEqual([]);
  });
});

describe('domain names', () => {
  it('do not end a sentence or a word, so the source before them still speaks', () => {
    expect(summary(quotesOf('Institute director Ane Silva, in remarks to Folha.com.br, said, "This year we had no drought."'))).toEqual([['direct', 'This year we had no drought', 'Ane Silva']]);
  });
});

describe('urge with a bare subjunctive clause', () => {
  it('reads "urged the quay be closed" and still "urged voters to …"', () => {
    expect(summary(quotesOf('Harbour master Ola Lind urged the quay be closed.'))).toEqual([['indirect', 'the quay be closed', 'Ola Lind']]);
    expect(summary(quotesOf('Councillor Ayla Brandt urged voters to reject the ferry levy.'))).toEqual([['indirect', 'voters to reject the ferry levy', 'Ayla Brandt']]);
  });
});

describe('-ing clauses after a cue', () => {
  it('reads "described seeing …" and "denied taking …", not "described the morning"', () => {
    expect(summary(quotesOf('Farmer Jonas Eld described seeing two men run from the barn.'))).toEqual([['indirect', 'seeing two men run from the barn', 'Jonas Eld']]);
    expect(quotesOf('Farmer Jonas Eld described the morning in detail.')).toEqual([]);
  });
});
