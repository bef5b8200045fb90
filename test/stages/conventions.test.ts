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
