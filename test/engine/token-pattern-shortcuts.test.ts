/**
 * The pattern VM's shortcuts (a greedy tail `any` settled at once, …) must give what stepping through every item
 * gives: the same leftmost-first matches and captures, on random patterns and on the project's own rules, over
 * random item sequences. Each case runs twice, with the shortcuts on and off (`setShortcuts`). So must the slot
 * store when it moves the rows in use to its other half at every step (`setCompactRows`), as on a long sentence.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../pipeline/engine/rule-set.ts';
import { classBits, compilePatternElements, execPattern, ITEM_CLASSES, itemClassBits, matchAllPattern, matchAllRecords, setCompactRows, setShortcuts, testPattern, type CompiledPattern, type ItemClass, type PatternElement, type PatternItem } from '../../pipeline/engine/token-pattern.ts';

afterEach(() => { setShortcuts(true); setCompactRows(1024); });

type Found = Array<Record<string, [number, number]>>;
const plain = (found: ReadonlyArray<ReadonlyMap<string, { from: number; to: number }>>): Found =>
  found.map((groups) => Object.fromEntries([...groups].map(([name, r]) => [name, [r.from, r.to]])));

/** The answers of every matcher entry point, with the shortcuts on or off (off: rows also moved at every step). */
function answers(compiled: CompiledPattern, items: PatternItem[], on: boolean): unknown {
  setShortcuts(on);
  setCompactRows(on ? 1024 : 1);
  const all = plain(matchAllPattern(compiled, items));
  const records = matchAllRecords(compiled, items, classBits(items), 0, itemClassBits(items)).map((r) => ({ ...r }));
  const first = execPattern(compiled, items, 0);
  const fromSecond = execPattern(compiled, items, 1);
  const any = testPattern(compiled, items, 0);
  return { all, records, first: first && { start: first.start, end: first.end, groups: [...first.groups] }, fromSecond: fromSecond && { start: fromSecond.start, end: fromSecond.end, groups: [...fromSecond.groups] }, any };
}

const CLASSES = Object.keys(ITEM_CLASSES) as ItemClass[];
const SYMS = ['Q', 'M', 'C', 'T', 'w', ',', '.'] as const;
const classOf = (sym: string): ItemClass => CLASSES.find((name) => ITEM_CLASSES[name] === sym) as ItemClass;
const items = (signature: string): PatternItem[] => [...signature].map((sym, k) => ({ sym, text: `t${k}` }));

const test: fc.Arbitrary<PatternElement> = fc.oneof(
  fc.subarray([...SYMS], { minLength: 1, maxLength: 3 }).map((syms) => ({ is: syms.map(classOf) })),
  fc.subarray([...SYMS], { minLength: 1, maxLength: 2 }).map((syms) => ({ isnt: syms.map(classOf) })),
  fc.constant({ any: true } as PatternElement),
);
const repeated = (inner: fc.Arbitrary<PatternElement>): fc.Arbitrary<PatternElement> => fc.tuple(inner, fc.constantFrom('', '?', '*', '+'), fc.boolean()).map(([element, op, lazy]) => (op === '' ? element : ({ seq: [element], op, ...(lazy ? { lazy: true } : {}) } as PatternElement)));
const part: fc.Arbitrary<PatternElement> = fc.oneof(
  { arbitrary: repeated(test), weight: 4 },
  { arbitrary: fc.array(repeated(test), { minLength: 2, maxLength: 3 }).map((alternatives) => ({ either: alternatives.map((a) => [a]) })), weight: 1 },
  { arbitrary: fc.constantFrom<PatternElement>({ behind: { is: 'quote' } }, { notBehind: { is: ',' } }, { ahead: { is: 'word' } }), weight: 1 },
);
/** Random patterns that often end in a (captured) tail of any items, with an optional `.` and end anchor after it. */
const patternArb = fc.tuple(fc.boolean(), fc.array(fc.tuple(part, fc.boolean()), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '*', '+'), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()).map(([start, parts, tail, tailCaptured, lazyTail, dot, end]) => {
  const elements: PatternElement[] = start ? [{ at: 'start' }] : [];
  parts.forEach(([element, captured], k) => elements.push(captured ? ({ seq: [element], capture: `c${k}` } as PatternElement) : element));
  if (tail !== '') elements.push({ any: true, op: tail as '*' | '+', ...(lazyTail ? { lazy: true } : {}), ...(tailCaptured ? { capture: 'tail' } : {}) });
  if (dot) elements.push({ is: '.', op: '?' });
  if (end) elements.push({ at: 'end' });
  return elements;
});

describe('the pattern VM with and without its shortcuts', () => {
  it('gives the same matches on random patterns', () => {
    fc.assert(fc.property(patternArb, fc.stringMatching(/^[QMCTw,.]{0,16}$/), (elements, signature) => {
      let compiled: CompiledPattern;
      try { compiled = compilePatternElements(elements); } catch { return; }
      const sentence = items(signature);
      expect(answers(compiled, sentence, true)).toEqual(answers(compiled, sentence, false));
    }), { numRuns: 3_000 });
  });

  it('moves the rows in use to the other half at every step without losing a capture', () => {
    // Captures saved early and late, on a sentence of many steps: the rows made before a move are read after it.
    const compiled = compilePatternElements([{ is: 'mention', op: '+', capture: 'source' }, { is: 'cue', capture: 'cue' }, { isnt: '.', op: '+', capture: 'content' }, { is: '.' }]);
    const sentence = items(`wMMCw${'w,Qw'.repeat(20)}.wMCww.`);
    setCompactRows(1);
    const moved = plain(matchAllPattern(compiled, sentence));
    setCompactRows(1024);
    expect(moved).toEqual(plain(matchAllPattern(compiled, sentence)));
    expect(moved).toEqual([{ source: [1, 3], cue: [3, 4], content: [4, 85] }, { source: [87, 88], cue: [88, 89], content: [89, 91] }]);
  });

  it('settles a greedy tail at once: the same captures as the steps to the end', () => {
    const compiled = compilePatternElements([{ is: 'mention', capture: 'source' }, { is: 'cue', capture: 'cue' }, { any: true, op: '+', capture: 'content' }, { is: '.', op: '?' }, { at: 'end' }]);
    const sentence = items('wMCwQw,w.');
    expect(answers(compiled, sentence, true)).toEqual(answers(compiled, sentence, false));
    setShortcuts(true);
    expect(plain(matchAllPattern(compiled, sentence))).toEqual([{ source: [1, 2], cue: [2, 3], content: [3, 9] }]);
  });

  it('gives the same matches for every rule of the project on random sentences', () => {
    const rules = loadRuleSet();
    const all = [...rules.reported, ...rules.direct];
    const words = ['to', 'with', 'as', 'by', 'that', 'said', 'the', 'and', 'soon', 'reporters', 'saying', 'view', 'because', 'not'];
    const item = fc.tuple(fc.constantFrom(...Object.values(ITEM_CLASSES), 'x'), fc.constantFrom(...words), fc.constantFrom('say', 'tell', 'describe', 'claim'), fc.constantFrom('clause', 'that', 'quote', 'object-as', 'object-infinitive'), fc.constantFrom('person', 'organization', 'pronoun', 'role'))
      .map(([sym, text, lemma, complement, type]): PatternItem => ({
        sym, text, lower: text,
        ...(sym === 'C' || sym === 'G' || sym === 'N' || sym === 'A' ? { cue: { lemma, complement, complements: [complement, 'infinitive'] } } : {}),
        ...(sym === 'M' ? { mention: { type } } : {}),
      }));
    // Sentences built around a source and a cue, so that the rules get past their prefilters and run.
    const sentence = fc.tuple(fc.array(item, { maxLength: 8 }), fc.array(item, { maxLength: 12 })).map(([before, after]) => [...before, { sym: 'M', text: 'Ruiz', mention: { type: 'person' } }, { sym: 'C', text: 'said', lower: 'said', cue: { lemma: 'say', complement: 'clause' } }, ...after] as PatternItem[]);
    fc.assert(fc.property(fc.constantFrom(...all), sentence, (rule, sentenceItems) => {
      expect(answers(rule.compiled, sentenceItems, true)).toEqual(answers(rule.compiled, sentenceItems, false));
    }), { numRuns: 3_000 });
  });
});
