/**
 * The token pattern language: unit tests of each construct, and a differential property test against JavaScript's
 * own regular expressions (a backtracking engine) on random patterns and random item sequences: the Pike VM must
 * report the same leftmost-first matches and captures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePatternElements, ITEM_CLASSES, matchAllPattern, patternSchema, type ItemClass, type PatternElement, type PatternItem } from '../../pipeline/engine/token-pattern.ts';

const SYMBOL_CLASS = new Map<string, ItemClass>(Object.entries(ITEM_CLASSES).map(([name, sym]) => [sym, name as ItemClass]));
const items = (signature: string): PatternItem[] => [...signature].map((sym, k) => ({ sym, text: `t${k}` }));
const ranges = (pattern: PatternElement[], signature: string): Array<Record<string, [number, number]>> =>
  matchAllPattern(compilePatternElements(pattern), items(signature)).map((groups) => Object.fromEntries([...groups].map(([name, r]) => [name, [r.from, r.to]])));

describe('token patterns', () => {
  it('matches a sequence and reports captures as item ranges', () => {
    const pattern: PatternElement[] = [{ is: 'mention', capture: 'source' }, { is: 'adverb', op: '*' }, { is: 'cue', capture: 'cue' }, { is: 'that' }, { any: true, op: '+', capture: 'content' }];
    expect(ranges(pattern, 'wMhCTwwb.')).toEqual([{ source: [1, 2], cue: [3, 4], content: [5, 9] }]);
    expect(ranges(pattern, 'wMhCwwb.')).toEqual([]);
  });

  it('prefers the first alternative and greedy repetition, and lazy repetition when asked', () => {
    expect(ranges([{ is: 'word', op: '+', capture: 'a' }, { is: 'word', op: '*', capture: 'b' }], 'www')).toEqual([{ a: [0, 3], b: [3, 3] }]);
    expect(ranges([{ is: 'word', op: '+', lazy: true, capture: 'a' }, { is: 'word', op: '*', capture: 'b' }], 'www')).toEqual([{ a: [0, 1], b: [1, 3] }]);
    expect(ranges([{ either: [[{ is: 'word', capture: 'one' }], [{ is: 'word' }, { is: 'word', capture: 'two' }]] }], 'ww')).toEqual([{ one: [0, 1] }, { one: [1, 2] }]);
  });

  it('bounds repetition with min and max', () => {
    expect(ranges([{ is: 'word', min: 2, max: 3, capture: 'w' }], 'wwwww')).toEqual([{ w: [0, 3] }, { w: [3, 5] }]);
    expect(ranges([{ is: 'word', min: 2, max: 3, capture: 'w' }], 'w,w')).toEqual([]);
  });

  it('anchors at the sentence start and end, and looks one item behind and ahead', () => {
    expect(ranges([{ at: 'start' }, { is: 'quote', capture: 'quote' }], 'wQ')).toEqual([]);
    expect(ranges([{ is: 'quote', capture: 'quote' }, { at: 'end' }], 'QwQ')).toEqual([{ quote: [2, 3] }]);
    expect(ranges([{ behind: { is: 'quote' } }, { is: 'mention', capture: 'source' }], 'MQM')).toEqual([{ source: [2, 3] }]);
    expect(ranges([{ is: 'cue', capture: 'cue' }, { ahead: { is: ['mention', 'det'] } }], 'CwCd')).toEqual([{ cue: [2, 3] }]);
    // notBehind also holds at the start of the sentence, where there is no item before.
    expect(ranges([{ notBehind: { is: 'prep' } }, { is: 'mention', capture: 'source' }], 'MpMwM')).toEqual([{ source: [0, 1] }, { source: [4, 5] }]);
  });

  it('tests lower forms, cue lemmas and mention types', () => {
    const sentence: PatternItem[] = [
      { sym: 'M', text: 'Okafor', mention: { type: 'person' } },
      { sym: 'C', text: 'told', cue: { lemma: 'tell', complement: 'that' } },
      { sym: 'M', text: 'reporters', mention: { type: 'role' } },
      { sym: 'w', text: 'Whether' },
    ];
    const compiled = (pattern: PatternElement[]) => matchAllPattern(compilePatternElements(pattern), sentence).length;
    expect(compiled([{ is: 'cue', lemma: 'tell' }, { is: 'mention', mentionType: 'role' }, { lower: 'whether' }])).toBe(1);
    expect(compiled([{ is: 'cue', lemma: 'say' }])).toBe(0);
    expect(compiled([{ is: 'mention', mentionType: 'organization' }])).toBe(0);
    expect(compiled([{ is: 'mention', mentionType: 'role' }, { notLower: ['whether', 'if'] }])).toBe(0);
    expect(compiled([{ is: 'mention', mentionType: 'role' }, { notLower: 'if' }])).toBe(1);
    expect(compiled([{ endsWith: 'ether' }])).toBe(1);
    expect(compiled([{ is: 'cue', endsWith: 'ing' }])).toBe(0);
  });

  it('tests item classes by symbol, also for symbols outside the one-character ASCII table', () => {
    const odd: PatternItem[] = [{ sym: 'wé', text: 'a' }, { sym: 'é', text: 'b' }, { sym: 'w', text: 'c' }];
    expect(matchAllPattern(compilePatternElements([{ is: 'word', capture: 'w' }]), odd).map((groups) => groups.get('w'))).toEqual([{ from: 2, to: 3 }]);
    expect(matchAllPattern(compilePatternElements([{ isnt: 'word', capture: 'w' }]), odd).map((groups) => groups.get('w'))).toEqual([{ from: 0, to: 1 }, { from: 1, to: 2 }]);
  });

  it('reads "max" alone as "up to": the element may be absent, also for the prefilter that wants classes in order', () => {
    expect(ranges([{ is: 'mention', capture: 's' }, { is: 'word', max: 2 }, { is: 'that', capture: 't' }], 'MT')).toEqual([{ s: [0, 1], t: [1, 2] }]);
    expect(ranges([{ is: 'mention', capture: 's' }, { is: 'word', max: 2 }, { is: 'that', capture: 't' }], 'MwwwT')).toEqual([]);
    // Classes present but in the wrong order: no match.
    expect(ranges([{ is: 'mention' }, { is: 'cue', capture: 'cue' }], 'CwM')).toEqual([]);
    expect(() => compilePatternElements([{ seq: [{ is: 'word', max: 2 }], op: '+' }])).toThrow(/at least one item/);
  });

  it('tests a part of speech the word can have (compromise\'s lexicon), and refuses an unknown one', () => {
    const words: PatternItem[] = ['described', 'seeing', 'the', 'quiet', 'town'].map((text) => ({ sym: 'w', text }));
    const count = (pattern: PatternElement[]) => matchAllPattern(compilePatternElements(pattern), words).length;
    expect(count([{ pos: 'Gerund' }])).toBe(1);
    expect(count([{ pos: 'Determiner' }, { pos: 'Adjective' }, { pos: 'Noun' }])).toBe(1);
    expect(count([{ pos: 'Adverb' }])).toBe(0);
    expect(patternSchema.safeParse([{ pos: 'Gerunds' }]).success).toBe(false);
  });

  it('expands macros and refuses unknown or self-referencing ones', () => {
    const macros = { aside: [{ is: ',' }, { is: 'who' }, { isnt: [',', '.'], op: '*' }, { is: ',' }] as PatternElement[] };
    expect(matchAllPattern(compilePatternElements([{ is: 'mention' }, { use: 'aside', op: '?' }, { is: 'cue', capture: 'cue' }], macros), items('M,Wbw,C')).length).toBe(1);
    expect(() => compilePatternElements([{ use: 'nowhere' }])).toThrow(/unknown macro/);
    expect(() => compilePatternElements([{ use: 'loop' }], { loop: [{ use: 'loop' }] })).toThrow(/uses itself/);
  });

  it('rejects misspelt keys and unknown item classes in pattern data', () => {
    expect(patternSchema.safeParse([{ is: 'mention', capure: 'source' }]).success).toBe(false);
    expect(patternSchema.safeParse([{ is: 'person' }]).success).toBe(false);
    expect(patternSchema.safeParse([{ op: '+' }]).success).toBe(false);
    expect(patternSchema.safeParse([{ is: ['mention', 'det'], op: '?', capture: 'source' }]).success).toBe(true);
  });

  it('refuses to repeat an element that can match no item', () => {
    expect(() => compilePatternElements([{ seq: [{ is: 'word', op: '?' }], op: '*' }])).toThrow(/at least one item/);
    expect(() => compilePatternElements([{ either: [[{ is: 'that' }], [{ any: true, op: '?' }]], min: 0, max: 3 }])).toThrow(/at least one item/);
    expect(() => compilePatternElements([{ seq: [{ is: 'word', op: '?' }], op: '?' }])).toThrow(/at least one item/);
    expect(() => compilePatternElements([{ seq: [{ is: 'word', op: '?' }, { is: 'cue' }], op: '?' }])).not.toThrow();
  });

  it('stays linear on a pattern that makes a backtracking engine explode', () => {
    // (w|w)*w* $ over a long run of words with a bad last item: exponential for backtracking, linear here.
    const pattern: PatternElement[] = [{ at: 'start' }, { either: [[{ is: 'word' }], [{ is: 'word' }]], op: '*' }, { is: 'word', op: '*' }, { is: 'quote' }, { at: 'end' }];
    const long = items(`${'w'.repeat(3_000)}.`);
    const steps = compilePatternElements(pattern).program.length;
    expect(matchAllPattern(compilePatternElements(pattern), long)).toEqual([]);
    expect(steps).toBeLessThan(20);
  });
});

// --- differential property test -------------------------------------------------------------------------------
const ALPHABET = ['Q', 'M', 'C', 'T', 'w', ','] as const;
const classOf = (sym: string): ItemClass => SYMBOL_CLASS.get(sym) as ItemClass;
const charClass = (syms: readonly string[]): string => `[${syms.map((s) => (s === ',' ? ',' : s)).join('')}]`;

interface Generated { element: PatternElement; regex: string }

/** Random patterns with no captures inside repetitions (JS resets those per iteration; rules never need them). */
const atom: fc.Arbitrary<Generated> = fc.oneof(
  fc.subarray([...ALPHABET], { minLength: 1, maxLength: 3 }).map((syms) => ({ element: { is: syms.map(classOf) }, regex: charClass(syms) })),
  fc.subarray([...ALPHABET], { minLength: 1, maxLength: 2 }).map((syms) => ({ element: { isnt: syms.map(classOf) }, regex: `[^${syms.join('')}]` })),
  fc.constant({ element: { any: true } as PatternElement, regex: '.' }),
);

const quantified = (inner: fc.Arbitrary<Generated>): fc.Arbitrary<Generated> => fc.tuple(inner, fc.constantFrom('', '?', '*', '+', '{1,2}', '{0,3}', '{0,2}'), fc.boolean()).map(([g, op, lazy]) => {
  if (op === '') return g;
  const lazyMark = lazy ? '?' : '';
  const body = `(?:${g.regex})`;
  // `max` alone ("up to 2") has a minimum of 0.
  const repeat: Partial<PatternElement> = op === '{1,2}' ? { min: 1, max: 2 } : op === '{0,3}' ? { min: 0, max: 3 } : op === '{0,2}' ? { max: 2 } : { op: op as '?' | '*' | '+' };
  // An element already repeated is wrapped, so that its own repetition stays as it is.
  const repeated = 'op' in g.element || 'min' in g.element || 'max' in g.element;
  const element = { ...(repeated ? { seq: [g.element] } : g.element), ...repeat, ...(lazy ? { lazy: true } : {}) } as PatternElement;
  return { element, regex: `${body}${op}${lazyMark}` };
});

/** One-item look-arounds: `behind`, `notBehind` and `ahead`, as JavaScript's (?<=…), (?<!…) and (?=…). */
const look: fc.Arbitrary<Generated> = fc.tuple(fc.constantFrom('behind', 'notBehind', 'ahead'), fc.subarray([...ALPHABET], { minLength: 1, maxLength: 2 }), fc.boolean()).map(([kind, syms, negated]) => {
  const test = negated ? { isnt: syms.map(classOf) } : { is: syms.map(classOf) };
  const set = negated ? `[^${syms.join('')}]` : charClass(syms);
  const regex = kind === 'behind' ? `(?<=${set})` : kind === 'notBehind' ? `(?<!${set})` : `(?=${set})`;
  return { element: { [kind]: test } as PatternElement, regex };
});

/** An alternative: an item test, or a look-around before or after one (`either` compiles these to paths with checks). */
const alternative: fc.Arbitrary<Generated[]> = fc.oneof(
  quantified(atom).map((a) => [a]),
  fc.tuple(look, atom).map(([l, a]) => [l, a]),
  fc.tuple(atom, look).map(([a, l]) => [a, l]),
);

const group: fc.Arbitrary<Generated> = fc.oneof(
  quantified(atom),
  fc.array(quantified(atom), { minLength: 2, maxLength: 3 }).map((parts) => ({ element: { either: parts.map((p) => [p.element]) }, regex: `(?:${parts.map((p) => p.regex).join('|')})` })),
  fc.array(atom, { minLength: 2, maxLength: 3 }).map((parts) => ({ element: { seq: parts.map((p) => p.element) }, regex: `(?:${parts.map((p) => p.regex).join('')})` })),
  fc.array(alternative, { minLength: 2, maxLength: 3 }).map((alternatives) => ({
    element: { either: alternatives.map((parts) => parts.map((p) => p.element)) },
    regex: `(?:${alternatives.map((parts) => parts.map((p) => p.regex).join('')).join('|')})`,
  })),
);

/** A part of a pattern: a (repeated) group, or now and then a look-around of its own. */
const part: fc.Arbitrary<Generated> = fc.oneof({ arbitrary: quantified(group), weight: 4 }, { arbitrary: look, weight: 1 });

const patternArb = fc.tuple(fc.boolean(), fc.array(fc.tuple(part, fc.boolean()), { minLength: 1, maxLength: 4 }), fc.boolean()).map(([start, parts, end]) => {
  const elements: PatternElement[] = [];
  let regex = '';
  if (start) { elements.push({ at: 'start' }); regex += '^'; }
  parts.forEach(([part, captured], k) => {
    if (captured) {
      elements.push({ seq: [part.element], capture: `c${k}` } as PatternElement);
      regex += `(?<c${k}>${part.regex})`;
    } else {
      elements.push(part.element);
      regex += part.regex;
    }
  });
  if (end) { elements.push({ at: 'end' }); regex += '$'; }
  return { elements, regex };
});

function regexMatches(source: string, signature: string): Array<Record<string, [number, number]>> {
  const re = new RegExp(source, 'dg');
  const found: Array<Record<string, [number, number]>> = [];
  for (let m = re.exec(signature); m; m = re.exec(signature)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    const groups: Record<string, [number, number]> = {};
    for (const [name, range] of Object.entries(m.indices?.groups ?? {})) if (range) groups[name] = [range[0], range[1]];
    found.push(groups);
  }
  return found;
}

describe('token patterns against a backtracking engine', () => {
  it('report the same matches and captures as JavaScript regular expressions', () => {
    fc.assert(fc.property(patternArb, fc.stringMatching(/^[QMCTw,]{0,14}$/), ({ elements, regex }, signature) => {
      // Repeating what can match nothing is refused (regex engines disagree on it); see the test below.
      try { compilePatternElements(elements); } catch { return; }
      expect(ranges(elements, signature)).toEqual(regexMatches(regex, signature));
    }), { numRuns: 3_000 });
  });

  it('give the same answers when one compiled pattern is reused across sentences (the VM keeps its memory between calls)', () => {
    fc.assert(fc.property(patternArb, fc.array(fc.stringMatching(/^[QMCTw,]{0,14}$/), { minLength: 2, maxLength: 6 }), ({ elements, regex }, signatures) => {
      let compiled: ReturnType<typeof compilePatternElements>;
      try { compiled = compilePatternElements(elements); } catch { return; }
      for (const signature of signatures) {
        const found = matchAllPattern(compiled, items(signature)).map((groups) => Object.fromEntries([...groups].map(([name, r]) => [name, [r.from, r.to]])));
        expect(found).toEqual(regexMatches(regex, signature));
      }
    }), { numRuns: 1_000 });
  });
});

describe('token patterns whose closures are too many paths to work out beforehand', () => {
  it('match as JavaScript regular expressions do (the VM walks the program for those)', () => {
    // Seven choices in a row, each of two alternatives behind a look-around: 2^7 ways through items that
    // hold no test, more than the VM works out beforehand for one resume point.
    const choice: PatternElement = { either: [[{ behind: { is: 'word' } }, { is: 'word', op: '?' }], [{ notBehind: { is: 'mention' } }, { is: 'mention', op: '?' }]] };
    const elements: PatternElement[] = [{ is: 'cue', capture: 'cue' }, ...Array.from({ length: 7 }, () => choice), { is: 'quote', capture: 'quote' }];
    const regex = `(?<cue>[C])${'(?:(?<=[w])[w]?|(?<![M])[M]?)'.repeat(7)}(?<quote>[Q])`;
    expect(ranges(elements, 'wCMQ')).toEqual([{ cue: [1, 2], quote: [3, 4] }]);
    expect(ranges(elements, 'CwQ')).toEqual([]);
    fc.assert(fc.property(fc.stringMatching(/^[QMCw,]{0,16}$/), (signature) => {
      expect(ranges(elements, signature)).toEqual(regexMatches(regex, signature));
    }), { numRuns: 500 });
  });
});
