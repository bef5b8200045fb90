/**
 * The token pattern language: rules describe sequences of sentence items (tokens and chunks: mentions, cues,
 * quotations) as data, in the spirit of spaCy's Matcher and compromise's match syntax, and this module compiles
 * them to a small instruction program run by a Pike VM (Thompson NFA simulation with capture slots, as in RE2).
 * Matching is linear in the number of items times the program size: no pattern, however written, backtracks.
 * Submatches follow leftmost-first priority (what a backtracking regex engine would report), so greedy and lazy
 * repetition and ordered alternatives mean what they mean in regular expressions.
 *
 * A pattern is an array of elements. An element is one of
 *   - a token test: `{ "is": "mention" }`, `{ "is": ["prep", "det"] }`, `{ "isnt": [",", "."] }`, `{ "any": true }`,
 *     `{ "lower": ["that", "whether"] }`, `{ "lemma": ["tell"] }`, `{ "complement": ["object-infinitive"] }` (one of
 *     the complements the cue takes, rules/cues.json),
 *     `{ "mentionType": ["person"] }`, `{ "in": "subordinators" }`, `{ "notIn": ["subordinators"] }` (a lexicon word
 *     list); the tests of one element combine with AND;
 *   - a sequence `{ "seq": [...] }`, a choice `{ "either": [[...], [...]] }` (first alternative preferred);
 *   - a macro `{ "use": "name" }`, expanded from the rule set's shared macros;
 *   - an anchor `{ "at": "start" }` or `{ "at": "end" }` of the sentence, or a one-item look-around:
 *     `{ "behind": <token test> }` (the item before this point passes it), `{ "notBehind": <token test> }` (there is
 *     no item before, or it fails the test), `{ "ahead": <token test> }`.
 * Any element may carry a repetition (`"op": "?" | "*" | "+"`, or `"min"`/`"max"`, with `"lazy": true` for the
 * shortest match first) and a `"capture"` name; the rule reads its captures (`source`, `cue`, `content`, `quote`).
 */
import { z } from 'zod';
import { tagsOf } from './word-tags.ts';

/** The parts of speech a `pos` test may name: compromise's tags, as its lexicon gives them for a word. */
export const PARTS_OF_SPEECH = ['Noun', 'Plural', 'Singular', 'ProperNoun', 'Verb', 'Infinitive', 'PresentTense', 'PastTense', 'Participle', 'Gerund', 'Modal', 'Auxiliary', 'Copula', 'Adjective', 'Comparative', 'Superlative', 'Adverb', 'Pronoun', 'Determiner', 'Preposition', 'Conjunction', 'Value', 'Date', 'Month', 'WeekDay', 'FirstName', 'Person', 'Place', 'Organization'] as const;
export type PartOfSpeech = (typeof PARTS_OF_SPEECH)[number];

/** What an item is: the classes the mentions stage gives the tokens and chunks of a sentence. */
export const ITEM_CLASSES = {
  quote: 'Q',
  mention: 'M',
  possessive: 'm',
  cue: 'C',
  'cue-participle': 'G',
  'cue-noun': 'N',
  'according-to': 'A',
  that: 'T',
  who: 'W',
  adverb: 'h',
  be: 'b',
  prep: 'p',
  det: 'd',
  conj: '&',
  number: 'n',
  word: 'w',
  ',': ',',
  ':': ':',
  ';': ';',
  '.': '.',
} as const;
export type ItemClass = keyof typeof ITEM_CLASSES;
const itemClass = z.enum(Object.keys(ITEM_CLASSES) as [ItemClass, ...ItemClass[]]);
const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).min(1)]);

/** The item features a pattern can test. The mentions stage's `Item` satisfies it. */
export interface PatternItem {
  sym: string;
  text: string;
  /** `text.toLowerCase()` when the item carries it already. */
  lower?: string | undefined;
  mention?: { type: string } | undefined;
  cue?: { lemma: string; complement: string; complements?: readonly string[] | undefined } | undefined;
}

const repetition = {
  op: z.enum(['?', '*', '+']).optional(),
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(1).max(50).optional(),
  lazy: z.boolean().optional(),
  capture: z.string().regex(/^[a-z][a-z-]*$/).optional(),
};

/** A test on one item; every field given must hold. */
export interface TokenTest {
  is?: ItemClass | ItemClass[] | undefined;
  isnt?: ItemClass | ItemClass[] | undefined;
  any?: true | undefined;
  lower?: string | string[] | undefined;
  /** The lower-case word is none of these ("as" but not "as soon as"). */
  notLower?: string | string[] | undefined;
  /** The lower-case word ends with one of these ("ing": a gerund such as "witnessing"). */
  endsWith?: string | string[] | undefined;
  /** A part of speech the word can have, from compromise's lexicon (out of context): "Gerund", "Adjective", … */
  pos?: PartOfSpeech | PartOfSpeech[] | undefined;
  lemma?: string | string[] | undefined;
  complement?: string | string[] | undefined;
  mentionType?: string | string[] | undefined;
  /** The lower-case word is (not) in one of the lexicon's word lists ("subordinators", "negations", …). */
  in?: string | string[] | undefined;
  notIn?: string | string[] | undefined;
}

export type PatternElement =
  | (TokenTest & Repetition)
  | ({ seq: PatternElement[] } & Repetition)
  | ({ either: PatternElement[][] } & Repetition)
  | ({ use: string } & Repetition)
  | { at: 'start' | 'end' }
  | { behind: TokenTest }
  | { notBehind: TokenTest }
  | { ahead: TokenTest };
interface Repetition { op?: '?' | '*' | '+' | undefined; min?: number | undefined; max?: number | undefined; lazy?: boolean | undefined; capture?: string | undefined }

const tokenTestSchema = z.strictObject({
  is: oneOrMany(itemClass).optional(),
  isnt: oneOrMany(itemClass).optional(),
  any: z.literal(true).optional(),
  lower: oneOrMany(z.string()).optional(),
  notLower: oneOrMany(z.string()).optional(),
  endsWith: oneOrMany(z.string().min(1)).optional(),
  pos: oneOrMany(z.enum(PARTS_OF_SPEECH)).optional(),
  lemma: oneOrMany(z.string()).optional(),
  complement: oneOrMany(z.string()).optional(),
  mentionType: oneOrMany(z.string()).optional(),
  in: oneOrMany(z.string()).optional(),
  notIn: oneOrMany(z.string()).optional(),
});

export const patternElementSchema: z.ZodType<PatternElement> = z.lazy(() => z.union([
  z.strictObject({ at: z.enum(['start', 'end']) }),
  z.strictObject({ behind: tokenTestSchema }),
  z.strictObject({ notBehind: tokenTestSchema }),
  z.strictObject({ ahead: tokenTestSchema }),
  z.strictObject({ seq: z.array(patternElementSchema).min(1), ...repetition }),
  z.strictObject({ either: z.array(z.array(patternElementSchema).min(1)).min(2), ...repetition }),
  z.strictObject({ use: z.string(), ...repetition }),
  tokenTestSchema.extend(repetition).refine((e) => e.is !== undefined || e.isnt !== undefined || e.any !== undefined || e.lower !== undefined || e.notLower !== undefined || e.endsWith !== undefined || e.pos !== undefined || e.lemma !== undefined || e.complement !== undefined || e.mentionType !== undefined || e.in !== undefined || e.notIn !== undefined, {
    message: 'a token test needs at least one of is, isnt, any, lower, notLower, endsWith, pos, lemma, complement, mentionType, in, notIn',
  }),
])) as z.ZodType<PatternElement>;

export const patternSchema = z.array(patternElementSchema).min(1);

export type Macros = Record<string, PatternElement[]>;

type Test = (item: PatternItem) => boolean;
type Instruction =
  /** `parts`: the test in parts (the VM tests the classes on the item's bit itself, then the word part). */
  /** `classes`: the item classes the test can pass (from `is`), when it names them. */
  | { op: 'test'; parts: TestParts; classes?: ReadonlySet<string> }
  | { op: 'split'; first: number; second: number }
  | { op: 'jump'; to: number }
  | { op: 'save'; slot: number }
  | { op: 'start' }
  | { op: 'end' }
  | { op: 'behind'; test: Test }
  | { op: 'notBehind'; test: Test }
  | { op: 'ahead'; test: Test }
  | { op: 'match' };

export interface CompiledPattern {
  program: Instruction[];
  /**
   * Item classes a sentence must hold for the pattern to match, each set as bits (see `classBits`): for each, at
   * least one item of a class in it, and those items in this order (a cheap test that spares most sentences the
   * matcher: most hold no cue and no quotation).
   */
  requiredBits: readonly number[];
  /**
   * Per pc, the first of `requiredBits` that the pattern's elements after the pc's own need: a thread at that pc
   * can still match only if the items from its position on hold those in order.
   */
  requiredAfter: readonly number[];
  /** The classes the first item of a match can have, when every first test names its classes (else null). */
  first: ReadonlySet<string> | null;
  /** Word tests that some item of any matching sentence passes ("a cue taking an object-as complement"): a cheap check before the VM runs. */
  requiredTests: readonly RequiredTest[];
  /** Every match starts at the sentence's first item (the program opens with `{ at: "start" }`). */
  anchored: boolean;
  /** Capture name → its pair of slots (start at 2k, end at 2k + 1). */
  captures: Map<string, number>;
  /**
   * The program's machine (`machineOf`), made when the pattern first runs: the VM's own. Kept here rather than in a
   * WeakMap keyed by the pattern, whose lookup, once per rule and sentence, allocated (≈ 18 KB per article).
   */
  vm: Machine | null;
}

/**
 * A required word test in parts: the classes an item must have (`bits`, from `is`; 0 when any may), the classes it
 * may not have (`isnt`) and the test of its word, mention or cue (`word`).
 */
export interface RequiredTest { bits: number; isnt: number; word: Test }

export class PatternError extends Error {}

const asArray = <T>(value: T | T[] | undefined): T[] | undefined => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

/** Named word lists a pattern may test with `in` and `notIn` (lower-case words). */
export type WordLists = ReadonlyMap<string, ReadonlySet<string>>;

function wordList(lists: WordLists, name: string): ReadonlySet<string> {
  const list = lists.get(name);
  if (!list) throw new PatternError(`unknown word list "${name}" (known: ${[...lists.keys()].join(', ') || 'none'})`);
  return list;
}

/**
 * A token test in parts: the item classes it needs (`is`, as bits; -1 when any will do), the classes it refuses
 * (`isnt`), and what it asks of the word, mention or cue (`word`; null when nothing). The VM tests the classes on
 * the item's bit itself and calls `word` only for an item that passes them.
 */
interface TestParts { is: number; isnt: number; word: Test | null }

/** A look-around's test of one item, whole (the VM's token tests run in parts). */
function tokenTest(element: TokenTest, lists: WordLists): Test {
  const { is, isnt, word } = testParts(element, lists);
  if (word === null && isnt === 0) return is === -1 ? () => true : (item) => (classBit(item.sym) & is) !== 0;
  return (item) => {
    const bit = classBit(item.sym);
    if (is !== -1 && (bit & is) === 0) return false;
    if ((bit & isnt) !== 0) return false;
    return word === null || word(item);
  };
}

function testParts(element: TokenTest, lists: WordLists): TestParts {
  const inLists = asArray(element.in)?.map((name) => wordList(lists, name));
  const notInLists = asArray(element.notIn)?.map((name) => wordList(lists, name));
  const is = asArray(element.is)?.map((name) => ITEM_CLASSES[name]);
  const isnt = asArray(element.isnt)?.map((name) => ITEM_CLASSES[name]);
  const lower = asArray(element.lower)?.map((w) => w.toLowerCase());
  const lemma = asArray(element.lemma);
  const complement = asArray(element.complement);
  const mentionType = asArray(element.mentionType);
  const lowerSet = lower ? new Set(lower) : null;
  const notLower = asArray(element.notLower);
  const notLowerSet = notLower ? new Set(notLower.map((w) => w.toLowerCase())) : null;
  const endings = asArray(element.endsWith)?.map((w) => w.toLowerCase());
  const pos = asArray(element.pos);
  // Classes as bits: both sets hold ITEM_CLASSES symbols only, and a symbol outside them has none of their bits.
  const parts: TestParts = { is: is ? bitsOf(new Set<string>(is)) : -1, isnt: isnt ? bitsOf(new Set<string>(isnt)) : 0, word: null };
  const needsLower = lowerSet !== null || notLowerSet !== null || endings !== undefined || pos !== undefined || inLists !== undefined || notInLists !== undefined;
  if (!needsLower && lemma === undefined && complement === undefined && mentionType === undefined) return parts;
  parts.word = (item) => {
    if (!needsLower) return wordTests(item, item.text);
    // A quotation's lower-case text is made once, when a test first asks (most never do).
    let lowerText = item.lower;
    if (lowerText === undefined) item.lower = lowerText = item.text.toLowerCase();
    return wordTests(item, lowerText);
  };
  return parts;
  // Index loops, not `some` with an arrow: a closure over the word would be made at each test of each item.
  function wordTests(item: PatternItem, lowerText: string): boolean {
    if (lowerSet && !lowerSet.has(lowerText)) return false;
    if (notLowerSet && notLowerSet.has(lowerText)) return false;
    if (endings && !endsWithOne(lowerText, endings)) return false;
    if (pos && !hasOneOf(tagsOf(lowerText), pos)) return false;
    if (lemma && !(item.cue && lemma.includes(item.cue.lemma))) return false;
    if (complement && !(item.cue && (complement.includes(item.cue.complement) || (item.cue.complements !== undefined && includesOne(complement, item.cue.complements))))) return false;
    if (mentionType && !(item.mention && mentionType.includes(item.mention.type))) return false;
    if (inLists && !inOneOf(inLists, lowerText)) return false;
    if (notInLists && inOneOf(notInLists, lowerText)) return false;
    return true;
  }
}

function endsWithOne(word: string, endings: readonly string[]): boolean {
  for (let k = 0; k < endings.length; k++) if (word.endsWith(endings[k] as string)) return true;
  return false;
}

function hasOneOf(set: ReadonlySet<string>, values: readonly string[]): boolean {
  for (let k = 0; k < values.length; k++) if (set.has(values[k] as string)) return true;
  return false;
}

function includesOne(list: readonly string[], values: readonly string[]): boolean {
  for (let k = 0; k < values.length; k++) if (list.includes(values[k] as string)) return true;
  return false;
}

function inOneOf(lists: ReadonlyArray<ReadonlySet<string>>, word: string): boolean {
  for (let k = 0; k < lists.length; k++) if ((lists[k] as ReadonlySet<string>).has(word)) return true;
  return false;
}

/**
 * Whether a (repeatable) element may match no item at all, as `emitElement` compiles it: `?`, `*`, `min: 0`, and
 * also a `max` with neither `op` nor `min` ("up to 8 words": the minimum is 0).
 */
function mayBeAbsent(element: PatternElement & Repetition): boolean {
  if (element.op === undefined && element.min === undefined && element.max === undefined) return false;
  return (element.min ?? (element.op === '+' ? 1 : 0)) === 0;
}

/** Compile a pattern (already schema-checked) to a program. Macros expand in place; a cycle is an error. */
export function compilePatternElements(pattern: PatternElement[], macros: Macros = {}, lists: WordLists = new Map()): CompiledPattern {
  const program: Instruction[] = [];
  const captures = new Map<string, number>();
  const emit = (instruction: Instruction): number => program.push(instruction) - 1;
  const slotOf = (name: string): number => {
    let index = captures.get(name);
    if (index === undefined) { index = captures.size; captures.set(name, index); }
    return index;
  };

  const emitOnce = (element: PatternElement, using: string[]): void => {
    if ('at' in element) { emit({ op: element.at }); return; }
    if ('behind' in element) { emit({ op: 'behind', test: tokenTest(element.behind, lists) }); return; }
    if ('notBehind' in element) { emit({ op: 'notBehind', test: tokenTest(element.notBehind, lists) }); return; }
    if ('ahead' in element) { emit({ op: 'ahead', test: tokenTest(element.ahead, lists) }); return; }
    if ('seq' in element) { for (const child of element.seq) emitElement(child, using); return; }
    if ('use' in element) {
      const body = macros[element.use];
      if (!body) throw new PatternError(`unknown macro "${element.use}"`);
      if (using.includes(element.use)) throw new PatternError(`macro "${element.use}" uses itself (${[...using, element.use].join(' → ')})`);
      for (const child of body) emitElement(child, [...using, element.use]);
      return;
    }
    if ('either' in element) {
      const jumps: number[] = [];
      element.either.forEach((alternative, k) => {
        const last = k === element.either.length - 1;
        const split = last ? -1 : emit({ op: 'split', first: program.length + 1, second: -1 });
        for (const child of alternative) emitElement(child, using);
        if (!last) {
          jumps.push(emit({ op: 'jump', to: -1 }));
          (program[split] as { second: number }).second = program.length;
        }
      });
      for (const jump of jumps) (program[jump] as { to: number }).to = program.length;
      return;
    }
    const is = asArray(element.is);
    emit({ op: 'test', parts: testParts(element, lists), ...(is ? { classes: new Set(is.map((name) => ITEM_CLASSES[name])) } : {}) });
  };

  const emitCaptured = (element: PatternElement, using: string[]): void => {
    const capture = 'capture' in element ? element.capture : undefined;
    if (capture === undefined) { emitOnce(element, using); return; }
    const slot = slotOf(capture);
    emit({ op: 'save', slot: 2 * slot });
    emitOnce(element, using);
    emit({ op: 'save', slot: 2 * slot + 1 });
  };

  /** Whether an element can match no item at all: such an element may not be repeated. */
  const nullable = (element: PatternElement, using: string[]): boolean => {
    if ('at' in element || 'behind' in element || 'notBehind' in element || 'ahead' in element) return true;
    if (mayBeAbsent(element)) return true;
    if ('seq' in element) return element.seq.every((child) => nullable(child, using));
    if ('either' in element) return element.either.some((alternative) => alternative.every((child) => nullable(child, using)));
    if ('use' in element) return using.includes(element.use) ? false : (macros[element.use] ?? []).every((child) => nullable(child, [...using, element.use]));
    return false;
  };

  /** Repetition by expansion (as RE2 does): `min` copies, then optional copies or a loop. */
  function emitElement(element: PatternElement, using: string[]): void {
    if ('at' in element || 'behind' in element || 'notBehind' in element || 'ahead' in element) { emitOnce(element, using); return; }
    const { op, lazy } = element;
    const min = element.min ?? (op === '+' ? 1 : 0);
    const max = element.max ?? (op === '?' ? 1 : op === '*' || op === '+' ? Infinity : element.min !== undefined ? Infinity : 1);
    if (op === undefined && element.min === undefined && element.max === undefined) { emitCaptured(element, using); return; }
    if (max < min) throw new PatternError(`repetition max ${max} is below min ${min}`);
    if (nullable({ ...element, op: undefined, min: undefined, max: undefined } as PatternElement, using)) {
      throw new PatternError('a repeated or optional element must match at least one item each time (its body can match nothing)');
    }
    // A capture on a repeated element spans the whole repetition.
    const capture = element.capture;
    const bare = { ...element, op: undefined, min: undefined, max: undefined, lazy: undefined, capture: undefined } as PatternElement;
    const slot = capture === undefined ? -1 : slotOf(capture);
    if (slot >= 0) emit({ op: 'save', slot: 2 * slot });
    for (let k = 0; k < min; k++) emitOnce(bare, using);
    if (max === Infinity) {
      const loop = emit({ op: 'split', first: -1, second: -1 });
      const body = program.length;
      emitOnce(bare, using);
      emit({ op: 'jump', to: loop });
      const after = program.length;
      program[loop] = lazy ? { op: 'split', first: after, second: body } : { op: 'split', first: body, second: after };
    } else {
      const splits: number[] = [];
      for (let k = min; k < max; k++) {
        splits.push(emit({ op: 'split', first: -1, second: -1 }));
        emitOnce(bare, using);
      }
      const after = program.length;
      splits.forEach((at, k) => {
        const body = at + 1;
        const skip = after;
        void k;
        program[at] = lazy ? { op: 'split', first: skip, second: body } : { op: 'split', first: body, second: skip };
      });
    }
    if (slot >= 0) emit({ op: 'save', slot: 2 * slot + 1 });
  }

  /** What an element needs in the sentence (see `CompiledPattern.requiredBits`). */
  const requirements = (element: PatternElement, using: string[]): Array<Set<string>> => {
    if ('at' in element || 'behind' in element || 'notBehind' in element || 'ahead' in element) return [];
    const optional = mayBeAbsent(element);
    if (optional) return [];
    if ('seq' in element) return element.seq.flatMap((child) => requirements(child, using));
    if ('use' in element) return using.includes(element.use) ? [] : (macros[element.use] ?? []).flatMap((child) => requirements(child, [...using, element.use]));
    if ('either' in element) {
      const perAlternative = element.either.map((alternative) => alternative.flatMap((child) => requirements(child, using)));
      if (perAlternative.some((sets) => sets.length === 0)) return [];
      return [new Set(perAlternative.flatMap((sets) => [...(sets[0] ?? [])]))];
    }
    const is = asArray(element.is);
    return is ? [new Set(is.map((name) => ITEM_CLASSES[name]))] : [];
  };

  /** The specific word tests (a cue's complement or lemma, a word, an ending) every match must pass somewhere. */
  const requiredWordTests = (element: PatternElement, using: string[]): RequiredTest[] => {
    if ('at' in element || 'behind' in element || 'notBehind' in element || 'ahead' in element || 'either' in element) return [];
    const optional = mayBeAbsent(element);
    if (optional) return [];
    if ('seq' in element) return element.seq.flatMap((child) => requiredWordTests(child, using));
    if ('use' in element) return using.includes(element.use) ? [] : (macros[element.use] ?? []).flatMap((child) => requiredWordTests(child, [...using, element.use]));
    const specific = element.lower !== undefined || element.lemma !== undefined || element.complement !== undefined || element.endsWith !== undefined || element.pos !== undefined;
    const parts = specific && !element.any ? testParts(element, lists) : null;
    // A specific test always has a word part.
    return parts?.word ? [{ bits: parts.is === -1 ? 0 : parts.is, isnt: parts.isnt, word: parts.word }] : [];
  };

  // Each element's pcs, and how many required class sets it and the elements before it add up to.
  const requiredAfter: number[] = [];
  const required: Array<Set<string>> = [];
  for (const element of pattern) {
    const from = program.length;
    emitElement(element, []);
    required.push(...requirements(element, []));
    for (let pc = from; pc < program.length; pc++) requiredAfter.push(required.length);
  }
  emit({ op: 'match' });
  requiredAfter.push(required.length);
  return {
    program, captures, requiredBits: required.map(bitsOf), requiredAfter, first: firstClasses(program),
    requiredTests: pattern.flatMap((element) => requiredWordTests(element, [])),
    anchored: program[0]?.op === 'start',
    vm: null,
  };
}

/** The union of the classes of the tests reachable from the start without consuming an item, or null if one names none. */
function firstClasses(program: Instruction[]): ReadonlySet<string> | null {
  const classes = new Set<string>();
  const seen = new Set<number>();
  const stack = [0];
  while (stack.length > 0) {
    const pc = stack.pop() as number;
    if (seen.has(pc)) continue;
    seen.add(pc);
    const instruction = program[pc] as Instruction;
    switch (instruction.op) {
      case 'jump': stack.push(instruction.to); break;
      case 'split': stack.push(instruction.first, instruction.second); break;
      case 'test':
        if (!instruction.classes) return null;
        for (const sym of instruction.classes) classes.add(sym);
        break;
      case 'match': return null; // an empty match: no first item to test
      default: stack.push(pc + 1);
    }
  }
  return classes;
}

/** A bit per item class (its place in ITEM_CLASSES), by the class's one-character symbol. */
const CLASS_BITS = new Uint32Array(128);
Object.values(ITEM_CLASSES).forEach((sym, k) => { CLASS_BITS[sym.charCodeAt(0)] = 1 << k; });

/** The bit of an item class's symbol; 0 for a symbol outside ITEM_CLASSES, which no pattern requires. */
export function classBit(sym: string): number {
  return sym.length === 1 && sym.charCodeAt(0) < 128 ? CLASS_BITS[sym.charCodeAt(0)] as number : 0;
}

/** The classes of these items as one bit set: made once per sentence, tested by every rule's prefilter. */
export function classBits(items: readonly PatternItem[]): number {
  let bits = 0;
  for (let i = 0; i < items.length; i++) bits |= classBit((items[i] as PatternItem).sym);
  return bits;
}

/**
 * Each item's class bit (`classBit`), made once per sentence and read by every rule's prefilter and VM run. An item
 * of no known class gets `OTHER_BIT`, which no class test names: every test of a class refuses it, `any` takes it.
 * Only the first `items.length` entries count: the array may be a longer buffer reused from sentence to sentence.
 */
export type ItemBits = Int32Array;

const OTHER_BIT = 1 << Object.keys(ITEM_CLASSES).length;

/**
 * The items' class bits, written into `into` when it is long enough (a caller's buffer, kept for the next
 * sentence), else into a new array (twice as long, so a caller that keeps it seldom grows it again).
 */
export function itemClassBits(items: readonly PatternItem[], into?: ItemBits): ItemBits {
  const bits = into !== undefined && into.length >= items.length ? into : new Int32Array(Math.max(items.length, 2 * (into?.length ?? 0)));
  for (let i = 0; i < items.length; i++) bits[i] = classBit((items[i] as PatternItem).sym) || OTHER_BIT;
  return bits;
}

/**
 * The class bits of the items of one call of the matchers that were given none: made into this buffer, which no
 * call keeps past its return (the VM never runs re-entrantly). A sentence longer than it gets a longer one.
 */
let sharedBits: ItemBits = new Int32Array(64);
function bitsFor(items: readonly PatternItem[]): ItemBits {
  sharedBits = itemClassBits(items, sharedBits);
  return sharedBits;
}

/** The union of the first `count` item class bits: `classBits` from `itemClassBits`, without reading the items again. */
export function unionOfBits(itemBits: ItemBits, count: number): number {
  let bits = 0;
  for (let i = 0; i < count; i++) bits |= itemBits[i] as number;
  return bits;
}

function bitsOf(classes: ReadonlySet<string>): number {
  let bits = 0;
  for (const sym of classes) bits |= classBit(sym);
  return bits;
}

/** Whether a sentence whose items hold these classes (`classBits`) can match at all (see `CompiledPattern.requiredBits`). */
export function mayMatch(compiled: CompiledPattern, bits: number): boolean {
  const { requiredBits } = compiled;
  for (let k = 0; k < requiredBits.length; k++) if ((bits & (requiredBits[k] as number)) === 0) return false;
  return true;
}

/**
 * The last item a match can start at, of the first `count`: the items from there on still hold the required classes
 * in order (every match holds them within itself), found by a greedy scan from the end; -1 when no item can.
 * `lastPos[k]`, when given, gets the last item from which the items hold requirements k… in order (and
 * `lastPos[requiredBits.length]` the item count).
 */
function lastStart(requiredBits: readonly number[], itemBits: ItemBits, count: number, lastPos?: Int32Array): number {
  let k = requiredBits.length - 1;
  let i = count;
  if (lastPos) lastPos[k + 1] = i;
  // With nothing required, a match may also be empty at the very end.
  if (k < 0) return i;
  while (i > 0 && k >= 0) {
    i--;
    if (((itemBits[i] as number) & (requiredBits[k] as number)) !== 0) {
      if (lastPos) lastPos[k] = i;
      k--;
    }
  }
  return k < 0 ? i : -1;
}

/** Whether some item passes each of the pattern's required word tests (`CompiledPattern.requiredTests`). */
function passesRequiredTests(compiled: CompiledPattern, items: readonly PatternItem[], itemBits: ItemBits): boolean {
  const { requiredTests } = compiled;
  for (let k = 0; k < requiredTests.length; k++) {
    const { bits, isnt, word } = requiredTests[k] as RequiredTest;
    let found = false;
    for (let i = 0; i < items.length && !found; i++) {
      const bit = itemBits[i] as number;
      if ((bits === 0 || (bit & bits) !== 0) && (bit & isnt) === 0 && word(items[i] as PatternItem)) found = true;
    }
    if (!found) return false;
  }
  return true;
}

/**
 * Whether the VM takes its shortcuts (`Machine.tailExit`, `Machine.pathMask`). Off, it steps through every item and
 * looks at every path of a closure, as the plain Pike VM does: for tests that hold the two to the same answers.
 */
let shortcuts = true;
export function setShortcuts(on: boolean): void {
  shortcuts = on;
}

/** Instruction codes of the flat program the VM runs (one typed array per field: no object per step). */
const OP_TEST = 0, OP_SPLIT = 1, OP_JUMP = 2, OP_SAVE = 3, OP_START = 4, OP_END = 5, OP_BEHIND = 6, OP_NOT_BEHIND = 7, OP_AHEAD = 8, OP_MATCH = 9;

/**
 * A thread list: the threads waiting on a test (or `match`) at one position, in priority order, at most one per pc.
 * A thread's slots may still lack the saves of the path that made it (`pending`): those are made only when the
 * thread passes its test (most threads die at it), with the position it was made at.
 */
interface ThreadList {
  pc: Int32Array;
  /** Each thread's capture slots, as a row of the machine's slot store (`Machine.rows`). */
  slots: Int32Array;
  /** Where each thread's attempt started (kept out of the slots: a new attempt then needs no slots of its own). */
  start: Int32Array;
  /** The closure path (`Closures`) whose saves the thread's slots still lack, or -1. */
  pending: Int32Array;
  count: number;
}

const threadList = (n: number): ThreadList => ({ pc: new Int32Array(n), slots: new Int32Array(n), start: new Int32Array(n), pending: new Int32Array(n), count: 0 });

/**
 * The program in flat form with the VM's working memory, made once per pattern and reused by every call (the
 * VM never runs re-entrantly: token tests do not match patterns).
 *
 * Capture slots live in rows of two typed arrays (`rows`, two halves), not in an array per thread, so a step
 * allocates nothing. A row is written once, when it is made, and then only read, by every thread that shares it: a
 * thread that passes its test with no save to make hands its row on as it is, and a row is made only for a save.
 * Rows are made in one half (the active one) for the whole run; when it holds many (`compactRows`), the rows of the
 * threads still running are copied to the other half, which becomes the active one, and the old one is dropped
 * (most runs never get there). A row reference is `row * 2 + half`; reference 0 (row 0 of half 0) is the blank row,
 * every slot -1 and never written: a thread that has saved nothing yet shares it.
 */
interface Machine {
  ops: Uint8Array;
  /** split: first; jump: to; save: slot. */
  a: Int32Array;
  /** split: second. */
  b: Int32Array;
  /** Per look-around pc (behind, notBehind, ahead), its test of the item before or after. */
  tests: Array<Test | null>;
  /** Per pc, the generation that last visited it. */
  seen: Int32Array;
  generation: number;
  /** `addThreads`' stack: pcs and their slot rows (a pc pushes at most two, once per walk: 2n + 1 entries at most). */
  stackPc: Int32Array;
  stackSlots: Int32Array;
  lists: [ThreadList, ThreadList];
  /** Slots per row: two per capture. */
  width: number;
  /** The slot store in two halves, and how many rows of each are in use (row 0 of each is not handed out). */
  rows: [Int32Array, Int32Array];
  used: Int32Array;
  /** The slots of the last match `execSlots` found, then the match's start and end. */
  result: Int32Array;
  /** `findAll`'s matches, one `result` after another. */
  found: Int32Array;
  /** Per test pc, its parts (`TestParts`): the classes it needs (-1: any) and refuses, and its word test or null. */
  gateIs: Int32Array;
  gateIsnt: Int32Array;
  words: Array<Test | null>;
  /** The classes a match's first item can have (`compiled.first`) as bits, or -1 when any item can start one. */
  firstBits: number;
  closures: Closures;
  /**
   * Per pc, for a greedy tail `{ any: true, op: "*" | "+" }` (the test at a pc whose closure loops straight back to
   * it and else reaches `match` through saves and end anchors only): the path (`Closures`) by which it reaches
   * `match` at the sentence's end; else -1. The thread of highest priority at such a pc runs on to the end and
   * matches there: `execSlots` settles it at once instead of stepping through the rest of the sentence.
   */
  tailExit: Int32Array;
  /**
   * Per anchor or look-around pc, the generation its answer (`checkValue`) was worked out in: the threads of one
   * step resume at one position, and their closures' paths share checks (a look-around before several alternatives).
   */
  checkGeneration: Int32Array;
  checkValue: Uint8Array;
  /**
   * Per pc a thread resumes at, the item classes some path of its closure (`Closures`) can go on with: the union of
   * the classes its tests need, or -1 when a path ends at `match`, at a test of any class, or is left to
   * `addThreads`. An item of none of them adds no thread: the closure need not be walked, nor the thread settled.
   */
  takes: Int32Array;
  /**
   * Per resume pc and item class (`classIndex`; the last one for no item, past the sentence's end), the paths of its
   * closure whose end takes such an item, as bits (path k of the closure: bit k): a test that class passes, or
   * `match`. Only for closures of at most 31 paths (`pathMasked`); the others test each path.
   */
  pathMask: Int32Array;
  pathMasked: Uint8Array;
  /** `CompiledPattern.requiredAfter`. */
  requiredAfter: Int32Array;
  /** For the sentence being matched: `lastStart`'s last item per requirement. */
  lastPos: Int32Array;
  /** The captures' names and their pair of slots (`CompiledPattern.captures`), for the records of the matches. */
  captureNames: string[];
  captureSlots: Int32Array;
}

/**
 * The epsilon closures of a program, worked out once when it is first run: for each pc a thread can resume at (0,
 * and the pc after each test), the paths through jumps, splits, saves and anchors to the tests (or `match`) they
 * reach, in the order `addThreads`' depth-first walk takes them, each with the slots it saves and the anchors and
 * look-arounds it must pass. A thread step then walks a short list instead of the program.
 */
interface Closures {
  /** Per pc, its first path, and how many (-1: not worked out, `addThreads` walks the program). */
  from: Int32Array;
  count: Int32Array;
  /** Per path: the pc it ends at, its saved slots (`saves[saveFrom..saveTo)`) and its checks (`checks[checkFrom..checkTo)`: pcs). */
  target: Int32Array;
  saveFrom: Int32Array;
  saveTo: Int32Array;
  checkFrom: Int32Array;
  checkTo: Int32Array;
  saves: Int32Array;
  checks: Int32Array;
}

/** Paths past which a closure is left to `addThreads` (nested optional alternatives could multiply them). */
const MAX_CLOSURE_PATHS = 64;

function closuresOf(ops: Uint8Array, a: Int32Array, b: Int32Array): Closures {
  const n = ops.length;
  const from = new Int32Array(n).fill(-1);
  const count = new Int32Array(n).fill(-1);
  const target: number[] = [], saveFrom: number[] = [], saveTo: number[] = [], checkFrom: number[] = [], checkTo: number[] = [];
  const saves: number[] = [], checks: number[] = [];
  const entries = new Set<number>([0]);
  for (let pc = 0; pc < n; pc++) if (ops[pc] === OP_TEST) entries.add(pc + 1);
  for (const entry of entries) {
    const first = target.length;
    const firstSave = saves.length;
    const firstCheck = checks.length;
    // Pcs reached with no check on the way: the walk always gets there first, so a later way there adds nothing
    // (at run time it finds the pc seen); this also ends the walk on a loop.
    const free = new Set<number>();
    const pathSaves: number[] = [];
    const pathChecks: number[] = [];
    let tooMany = false;
    const visit = (pc: number): void => {
      if (tooMany || free.has(pc)) return;
      if (pathChecks.length === 0) free.add(pc);
      switch (ops[pc]) {
        case OP_JUMP: visit(a[pc] as number); return;
        case OP_SPLIT: visit(a[pc] as number); visit(b[pc] as number); return;
        case OP_SAVE: pathSaves.push(a[pc] as number); visit(pc + 1); pathSaves.pop(); return;
        case OP_START: case OP_END: case OP_BEHIND: case OP_NOT_BEHIND: case OP_AHEAD:
          if (pathChecks.includes(pc)) return; // an anchor twice on one path: only through a loop, which gets nowhere new
          pathChecks.push(pc); visit(pc + 1); pathChecks.pop(); return;
        default:
          if (target.length - first >= MAX_CLOSURE_PATHS) { tooMany = true; return; }
          target.push(pc);
          saveFrom.push(saves.length); saves.push(...pathSaves); saveTo.push(saves.length);
          checkFrom.push(checks.length); checks.push(...pathChecks); checkTo.push(checks.length);
      }
    };
    visit(entry);
    if (tooMany) {
      target.length = saveFrom.length = saveTo.length = checkFrom.length = checkTo.length = first;
      saves.length = firstSave;
      checks.length = firstCheck;
      continue;
    }
    from[entry] = first;
    count[entry] = target.length - first;
  }
  return {
    from, count, target: Int32Array.from(target), saveFrom: Int32Array.from(saveFrom), saveTo: Int32Array.from(saveTo),
    checkFrom: Int32Array.from(checkFrom), checkTo: Int32Array.from(checkTo), saves: Int32Array.from(saves), checks: Int32Array.from(checks),
  };
}

/** Item class indexes (`classIndex`): one per class, `OTHER_BIT`'s, and one for no item. */
const CLASS_INDEXES = Object.keys(ITEM_CLASSES).length + 2;
const NO_ITEM = CLASS_INDEXES - 1;

/** The index of an item's class from its bit (`itemClassBits`: one bit, a class's or `OTHER_BIT`); 0 (no item): `NO_ITEM`. */
function classIndex(bit: number): number {
  return bit === 0 ? NO_ITEM : 31 - Math.clz32(bit);
}

/** `Machine.pathMask` and `pathMasked`, worked out from the closures. */
function pathMasksOf(ops: Uint8Array, gateIs: Int32Array, gateIsnt: Int32Array, closures: Closures): { pathMask: Int32Array; pathMasked: Uint8Array } {
  const n = ops.length;
  const pathMask = new Int32Array(n * CLASS_INDEXES);
  const pathMasked = new Uint8Array(n);
  const { from, count, target } = closures;
  for (let pc = 0; pc < n; pc++) {
    const paths = count[pc] as number;
    if (paths < 0 || paths > 31) continue;
    pathMasked[pc] = 1;
    for (let j = 0; j < paths; j++) {
      const end = target[(from[pc] as number) + j] as number;
      for (let c = 0; c < CLASS_INDEXES; c++) {
        const bit = c === NO_ITEM ? 0 : 1 << c;
        const takes = ops[end] !== OP_TEST || ((bit & (gateIs[end] as number)) !== 0 && (bit & (gateIsnt[end] as number)) === 0);
        if (takes) pathMask[pc * CLASS_INDEXES + c] = (pathMask[pc * CLASS_INDEXES + c] as number) | (1 << j);
      }
    }
  }
  return { pathMask, pathMasked };
}

/** `Machine.takes`, worked out from the closures. */
function takesOf(ops: Uint8Array, gateIs: Int32Array, closures: Closures): Int32Array {
  const takes = new Int32Array(ops.length).fill(-1);
  const { from, count, target } = closures;
  for (let pc = 0; pc < ops.length; pc++) {
    const paths = count[pc] as number;
    if (paths < 0) continue;
    let union = 0;
    for (let k = from[pc] as number; k < (from[pc] as number) + paths && union !== -1; k++) {
      const end = target[k] as number;
      union = ops[end] === OP_TEST ? union | (gateIs[end] as number) : -1;
    }
    takes[pc] = union;
  }
  return takes;
}

/** `Machine.tailExit`, worked out from the closures. */
function tailExitsOf(ops: Uint8Array, gateIs: Int32Array, gateIsnt: Int32Array, words: ReadonlyArray<Test | null>, closures: Closures): Int32Array {
  const exits = new Int32Array(ops.length).fill(-1);
  const { from, count, target, saveFrom, saveTo, checkFrom, checkTo, checks } = closures;
  for (let pc = 0; pc + 1 < ops.length; pc++) {
    // A test any item passes: no class it needs or refuses, no word part.
    if (ops[pc] !== OP_TEST || gateIs[pc] !== -1 || gateIsnt[pc] !== 0 || words[pc] !== null) continue;
    const paths = count[pc + 1] as number;
    if (paths < 2) continue;
    const first = from[pc + 1] as number;
    // Greedy: the first way on goes back to this test, saving and checking nothing.
    if (target[first] !== pc || saveFrom[first] !== saveTo[first] || checkFrom[first] !== checkTo[first]) continue;
    // The first way that reaches `match`: it must hold at the sentence's end (saves and end anchors only).
    for (let k = first + 1; k < first + paths; k++) {
      if (ops[target[k] as number] !== OP_MATCH) continue;
      let endOnly = true;
      for (let c = checkFrom[k] as number; c < (checkTo[k] as number); c++) if (ops[checks[c] as number] !== OP_END) endOnly = false;
      if (endOnly) exits[pc] = k;
      break;
    }
  }
  return exits;
}

function machineOf(compiled: CompiledPattern): Machine {
  return compiled.vm ?? newMachine(compiled);
}

function newMachine(compiled: CompiledPattern): Machine {
  const { program } = compiled;
  const n = program.length;
  const ops = new Uint8Array(n);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const tests: Array<Test | null> = new Array<Test | null>(n).fill(null);
  const gateIs = new Int32Array(n);
  const gateIsnt = new Int32Array(n);
  const words: Array<Test | null> = new Array<Test | null>(n).fill(null);
  program.forEach((instruction, pc) => {
    switch (instruction.op) {
      case 'test':
        ops[pc] = OP_TEST;
        gateIs[pc] = instruction.parts.is;
        gateIsnt[pc] = instruction.parts.isnt;
        words[pc] = instruction.parts.word;
        break;
      case 'split': ops[pc] = OP_SPLIT; a[pc] = instruction.first; b[pc] = instruction.second; break;
      case 'jump': ops[pc] = OP_JUMP; a[pc] = instruction.to; break;
      case 'save': ops[pc] = OP_SAVE; a[pc] = instruction.slot; break;
      case 'start': ops[pc] = OP_START; break;
      case 'end': ops[pc] = OP_END; break;
      case 'behind': ops[pc] = OP_BEHIND; tests[pc] = instruction.test; break;
      case 'notBehind': ops[pc] = OP_NOT_BEHIND; tests[pc] = instruction.test; break;
      case 'ahead': ops[pc] = OP_AHEAD; tests[pc] = instruction.test; break;
      case 'match': ops[pc] = OP_MATCH; break;
    }
  });
  const width = 2 * compiled.captures.size;
  const closures = closuresOf(ops, a, b);
  // Rows for a few threads in each half to begin with (row 0 the blank one): a run makes one per save (of a thread
  // that passes its test, or of `addThreads`), and a half grows when it needs more (so tests reach that path).
  const half = (): Int32Array => new Int32Array(4 * width).fill(-1);
  const machine: Machine = {
    ops, a, b, tests, seen: new Int32Array(n).fill(-1), generation: 0, stackPc: new Int32Array(2 * n + 2), stackSlots: new Int32Array(2 * n + 2),
    lists: [threadList(n), threadList(n)],
    width, rows: [half(), half()], used: new Int32Array(2), result: new Int32Array(width + 2), found: new Int32Array(4 * (width + 2)),
    gateIs, gateIsnt, words,
    firstBits: compiled.first === null ? -1 : bitsOf(compiled.first),
    closures,
    tailExit: tailExitsOf(ops, gateIs, gateIsnt, words, closures),
    checkGeneration: new Int32Array(n).fill(-1), checkValue: new Uint8Array(n),
    takes: takesOf(ops, gateIs, closures),
    ...pathMasksOf(ops, gateIs, gateIsnt, closures),
    requiredAfter: Int32Array.from(compiled.requiredAfter),
    lastPos: new Int32Array(compiled.requiredBits.length + 1),
    captureNames: [...compiled.captures.keys()],
    captureSlots: Int32Array.from(compiled.captures.values(), (index) => 2 * index),
  };
  compiled.vm = machine;
  return machine;
}

/**
 * Rows the active half of the slot store may hold before a step moves the rows still in use to the other half (a
 * bound on the VM's memory on a long sentence). A variable for tests, which move them at every step.
 */
let compactRows = 1024;
export function setCompactRows(rows: number): void {
  compactRows = rows;
}

/**
 * Copy the rows of the threads of `list` (all the threads running at the start of a step) from `half` to the other
 * half, which is emptied first: the other half, now the active one.
 */
function compact(machine: Machine, list: ThreadList, half: number): number {
  const other = half ^ 1;
  machine.used[other] = 0;
  const { width } = machine;
  for (let t = 0; t < list.count; t++) {
    const ref = list.slots[t] as number;
    if (ref === 0) continue;
    const row = newRow(machine, other);
    copySlots(machine, ref, -1, 0, machine.rows[other] as Int32Array, row * width);
    list.slots[t] = row * 2 + other;
  }
  return other;
}

/** A new row in `half` of the slot store (grown when full; rows already made keep their place): its index. */
function newRow(machine: Machine, half: number): number {
  const row = (machine.used[half] as number) + 1;
  machine.used[half] = row;
  const store = machine.rows[half] as Int32Array;
  if ((row + 1) * machine.width > store.length) {
    const grown = new Int32Array(2 * (row + 1) * machine.width);
    grown.set(store);
    machine.rows[half] = grown;
  }
  return row;
}

/** Copy the slots of row reference `ref` to `into` at `at`, with the saves of closure path `pending` (if any) made at `position`. */
function copySlots(machine: Machine, ref: number, pending: number, position: number, into: Int32Array, at: number): void {
  const { width } = machine;
  const from = machine.rows[ref & 1] as Int32Array;
  const offset = (ref >> 1) * width;
  for (let s = 0; s < width; s++) into[at + s] = from[offset + s] as number;
  if (pending < 0) return;
  const { saveFrom, saveTo, saves } = machine.closures;
  for (let s = saveFrom[pending] as number; s < (saveTo[pending] as number); s++) into[at + (saves[s] as number)] = position;
}

/**
 * The slots of a thread with its pending saves made, as a new row of the active `half` for the threads it goes on
 * to; with no save to make, the row it holds (shared, as rows are never written again).
 */
function settled(machine: Machine, ref: number, pending: number, position: number, half: number): number {
  if (pending < 0) return ref;
  const row = newRow(machine, half);
  copySlots(machine, ref, pending, position, machine.rows[half] as Int32Array, row * machine.width);
  return row * 2 + half;
}

/**
 * Add to `to` the threads of the closure of `pc` at `position` (`Closures`): each path whose checks pass there
 * adds a thread at its end unless one holds that pc already. Its saves wait (`ThreadList.pending`). `half`: where
 * this step makes rows (only `addThreads` makes any).
 */
function addClosure(machine: Machine, items: readonly PatternItem[], itemBits: ItemBits, pc: number, slots: number, start: number, position: number, generation: number, to: ThreadList, half: number): void {
  const { closures, seen, checkGeneration, checkValue, ops, gateIs, gateIsnt, lastPos, requiredAfter } = machine;
  const paths = closures.count[pc] as number;
  if (paths < 0) { addThreads(machine, items, itemBits, pc, slots, start, position, generation, to, half); return; }
  // Past the last item the buffer may hold another sentence's bits: no item, no class, no test passed.
  const bit = position < items.length ? itemBits[position] as number : 0;
  const takes = machine.takes[pc] as number;
  if (takes !== -1 && (bit & takes) === 0) return;
  const { target, saveFrom, saveTo, checkFrom, checkTo, checks } = closures;
  const first = closures.from[pc] as number;
  let count = to.count;
  // The paths whose end takes the item, in order (lowest bit first); a test the item fails adds no thread, here or
  // by any other path to it at this position (`mayLive`): its checks need no look, and its pc need not be taken.
  const masked = shortcuts && machine.pathMasked[pc] === 1;
  let mask = masked ? machine.pathMask[pc * CLASS_INDEXES + classIndex(bit)] as number : 0;
  for (let j = 0; masked ? mask !== 0 : j < paths; j++) {
    let k: number;
    if (masked) {
      const low = mask & -mask;
      mask ^= low;
      k = first + 31 - Math.clz32(low);
    } else {
      k = first + j;
    }
    const end = target[k] as number;
    if (!masked && ops[end] === OP_TEST && ((bit & (gateIs[end] as number)) === 0 || (bit & (gateIsnt[end] as number)) !== 0)) continue;
    if (seen[end] === generation) continue;
    const checkEnd = checkTo[k] as number;
    let passes = true;
    for (let c = checkFrom[k] as number; c < checkEnd && passes; c++) {
      const check = checks[c] as number;
      if (checkGeneration[check] === generation) { passes = checkValue[check] === 1; continue; }
      passes = checkHolds(machine, items, check, position);
      checkGeneration[check] = generation;
      checkValue[check] = passes ? 1 : 0;
    }
    if (!passes) continue;
    seen[end] = generation;
    if (position > (lastPos[requiredAfter[end] as number] as number)) continue;
    to.pc[count] = end; to.slots[count] = slots; to.start[count] = start; to.pending[count] = (saveFrom[k] as number) < (saveTo[k] as number) ? k : -1;
    count++;
  }
  to.count = count;
}

/**
 * Whether a match can start at `position`: some path from the program's start whose checks hold there reaches
 * `match`, or a test the item passes (the VM's first step, without threads).
 */
function mayStartAt(machine: Machine, items: readonly PatternItem[], itemBits: ItemBits, position: number): boolean {
  const { closures, ops } = machine;
  const paths = closures.count[0] as number;
  if (paths < 0) return true;
  const item = items[position];
  const first = closures.from[0] as number;
  for (let k = first; k < first + paths; k++) {
    let holds = true;
    for (let c = closures.checkFrom[k] as number; c < (closures.checkTo[k] as number) && holds; c++) holds = checkHolds(machine, items, closures.checks[c] as number, position);
    if (!holds) continue;
    const pc = closures.target[k] as number;
    if (ops[pc] === OP_MATCH) return true;
    if (item !== undefined && passes(machine, pc, item, itemBits[position] as number)) return true;
  }
  return false;
}

/** Whether the item (whose bit, from `itemClassBits`, is `itemBit`) passes the test at `pc`. */
function passes(machine: Machine, pc: number, item: PatternItem, itemBit: number): boolean {
  if ((itemBit & (machine.gateIs[pc] as number)) === 0 || (itemBit & (machine.gateIsnt[pc] as number)) !== 0) return false;
  const word = machine.words[pc];
  return !word || word(item);
}

/**
 * Whether a thread at `pc` and `position` is worth adding: not when the item there fails the classes of its test
 * (it would die at the next step), nor when the items left cannot hold what the rest of the pattern requires. It
 * still takes its pc (seen): any other thread there would fare the same.
 */
function mayLive(machine: Machine, items: readonly PatternItem[], itemBits: ItemBits, pc: number, position: number): boolean {
  if (position > (machine.lastPos[machine.requiredAfter[pc] as number] as number)) return false;
  if (machine.ops[pc] !== OP_TEST) return true;
  // Past the last item the buffer may hold another sentence's bits: no item, no test passed.
  if (position >= items.length) return false;
  const bit = itemBits[position] as number;
  return (bit & (machine.gateIs[pc] as number)) !== 0 && (bit & (machine.gateIsnt[pc] as number)) === 0;
}

/** Whether the anchor or look-around at `pc` holds at `position`. */
function checkHolds(machine: Machine, items: readonly PatternItem[], pc: number, position: number): boolean {
  switch (machine.ops[pc]) {
    case OP_START: return position === 0;
    case OP_END: return position === items.length;
    case OP_BEHIND: { const before = items[position - 1]; return before !== undefined && (machine.tests[pc] as Test)(before); }
    case OP_NOT_BEHIND: { const before = items[position - 1]; return before === undefined || !(machine.tests[pc] as Test)(before); }
    case OP_AHEAD: { const after = items[position]; return after !== undefined && (machine.tests[pc] as Test)(after); }
    default: return true;
  }
}

/**
 * Follow jumps, splits, saves and anchors from `pc`, adding to `to` the threads that wait on a token test (or
 * match) at `position`, each pc once per generation: the walk for a closure too large to work out beforehand.
 * A save makes a row in `half` (this step's).
 */
function addThreads(machine: Machine, items: readonly PatternItem[], itemBits: ItemBits, pc: number, slots: number, start: number, position: number, generation: number, to: ThreadList, half: number): void {
  const { ops, a, b, tests, seen, stackPc, stackSlots, width } = machine;
  let count = to.count;
  let sp = 0;
  stackPc[sp] = pc; stackSlots[sp] = slots; sp++;
  while (sp > 0) {
    sp--;
    const topPc = stackPc[sp] as number;
    const topSlots = stackSlots[sp] as number;
    if (seen[topPc] === generation) continue;
    seen[topPc] = generation;
    switch (ops[topPc]) {
      case OP_JUMP: stackPc[sp] = a[topPc] as number; stackSlots[sp] = topSlots; sp++; break;
      case OP_SPLIT:
        // Pushed in reverse so the preferred branch is explored (and claims its pcs) first.
        stackPc[sp] = b[topPc] as number; stackSlots[sp] = topSlots; sp++;
        stackPc[sp] = a[topPc] as number; stackSlots[sp] = topSlots; sp++;
        break;
      case OP_SAVE: {
        const row = newRow(machine, half);
        const store = machine.rows[half] as Int32Array;
        copySlots(machine, topSlots, -1, position, store, row * width);
        store[row * width + (a[topPc] as number)] = position;
        stackPc[sp] = topPc + 1; stackSlots[sp] = row * 2 + half; sp++;
        break;
      }
      case OP_START: if (position === 0) { stackPc[sp] = topPc + 1; stackSlots[sp] = topSlots; sp++; } break;
      case OP_END: if (position === items.length) { stackPc[sp] = topPc + 1; stackSlots[sp] = topSlots; sp++; } break;
      case OP_BEHIND: { const before = items[position - 1]; if (before !== undefined && (tests[topPc] as Test)(before)) { stackPc[sp] = topPc + 1; stackSlots[sp] = topSlots; sp++; } break; }
      case OP_NOT_BEHIND: { const before = items[position - 1]; if (before === undefined || !(tests[topPc] as Test)(before)) { stackPc[sp] = topPc + 1; stackSlots[sp] = topSlots; sp++; } break; }
      case OP_AHEAD: { const after = items[position]; if (after !== undefined && (tests[topPc] as Test)(after)) { stackPc[sp] = topPc + 1; stackSlots[sp] = topSlots; sp++; } break; }
      default:
        if (!mayLive(machine, items, itemBits, topPc, position)) break;
        to.pc[count] = topPc; to.slots[count] = topSlots; to.start[count] = start; to.pending[count] = -1; count++;
    }
  }
  to.count = count;
}

/**
 * Leftmost-first match of `compiled` in `items`, starting the search at item `from`. Returns the whole match's
 * item range and the captures that took part, or null.
 */
export function execPattern(compiled: CompiledPattern, items: readonly PatternItem[], from: number, itemBits: ItemBits = bitsFor(items)): { start: number; end: number; groups: Map<string, { from: number; to: number }> } | null {
  const machine = machineOf(compiled);
  const last = lastStart(compiled.requiredBits, itemBits, items.length, machine.lastPos);
  if (last < 0 || !execSlots(machine, compiled, items, from, itemBits, last)) return null;
  const { result, width, captureNames, captureSlots } = machine;
  const groups = new Map<string, { from: number; to: number }>();
  for (let c = 0; c < captureNames.length; c++) {
    const start = result[captureSlots[c] as number] as number;
    const end = result[(captureSlots[c] as number) + 1] as number;
    if (start >= 0 && end >= 0) groups.set(captureNames[c] as string, { from: start, to: end });
  }
  return { start: result[width] as number, end: result[width + 1] as number, groups };
}

/** Whether `compiled` matches in `items` from item `from` on: `execPattern(…) !== null`, without the match's captures. */
export function testPattern(compiled: CompiledPattern, items: readonly PatternItem[], from: number, itemBits: ItemBits = bitsFor(items)): boolean {
  const machine = machineOf(compiled);
  const last = lastStart(compiled.requiredBits, itemBits, items.length, machine.lastPos);
  return last >= 0 && execSlots(machine, compiled, items, from, itemBits, last);
}

/**
 * The VM run behind `execPattern`: whether it matched, the match's slots in `machine.result` (the whole match in
 * the last two). No attempt starts after item `last`, and no thread runs on past what the rest of the pattern
 * needs (`lastStart`, which has filled the machine's `lastPos` for these items).
 */
function execSlots(machine: Machine, compiled: CompiledPattern, items: readonly PatternItem[], from: number, itemBits: ItemBits, last: number): boolean {
  // A match of an anchored pattern starts at item 0: none from a later item on.
  const { anchored } = compiled;
  if (anchored && from > 0) return false;
  const { ops, seen, words, firstBits, used, result, width, tailExit } = machine;
  const length = items.length;
  // Generations only grow; start afresh long before they could overflow.
  if (machine.generation > 1_000_000_000) { seen.fill(-1); machine.checkGeneration.fill(-1); machine.generation = 0; }
  let generation = machine.generation;
  let matched = false;
  // Two thread lists, swapped each step.
  let cur = machine.lists[0];
  let next = machine.lists[1];
  cur.count = 0;
  // The active half of the slot store, empty: the rows of an earlier run are held by no thread.
  let half = 0;
  used[0] = used[1] = 0;

  steps: for (let position = from; position <= length; position++) {
    // An attempt can start only where the item can be a match's first item (most positions cannot): with no
    // thread running, skip straight to the next such position.
    if (cur.count === 0) {
      if (matched) break;
      if ((anchored && position > 0) || position > last) break;
      if (firstBits !== -1) {
        while (position < length && ((itemBits[position] as number) & firstBits) === 0) position++;
        if (position >= length || position > last) break;
      }
    }
    const item = items[position];
    const itemBit = item === undefined ? 0 : itemBits[position] as number;
    if ((used[half] as number) >= compactRows) half = compact(machine, cur, half);
    // A new attempt starting here has lower priority than every thread already running: it goes after them, and
    // may not take a pc one of them holds.
    if (!matched && (!anchored || position === 0) && position <= last && (firstBits === -1 || (item !== undefined && (itemBit & firstBits) !== 0))) {
      generation++;
      for (let t = 0; t < cur.count; t++) seen[cur.pc[t] as number] = generation;
      addClosure(machine, items, itemBits, 0, 0, position, position, generation, cur, half);
    }
    if (cur.count === 0) { if (matched) break; continue; }
    generation++;
    next.count = 0;
    for (let t = 0; t < cur.count; t++) {
      const pc = cur.pc[t] as number;
      const op = ops[pc];
      if (op === OP_MATCH) {
        copySlots(machine, cur.slots[t] as number, cur.pending[t] as number, position, result, 0);
        result[width] = cur.start[t] as number;
        result[width + 1] = position;
        matched = true;
        break; // threads after this one have lower priority
      }
      // The thread of highest priority in a greedy tail `any`: it matches at the end, and no other thread can win.
      if (t === 0 && shortcuts && item !== undefined && (tailExit[pc] as number) >= 0 && (machine.lastPos[machine.requiredAfter[pc] as number] as number) >= length - 1) {
        settleTail(machine, cur, pc, position, length);
        matched = true;
        break steps;
      }
      // The item passes the test's classes (`mayLive`): only its word part is left to ask.
      if (op === OP_TEST && item !== undefined) {
        const word = words[pc];
        if (word && !word(item)) continue;
        // No path on takes the next item (or, past the last, none ends at `match`): the thread ends here.
        const takes = machine.takes[pc + 1] as number;
        if (takes !== -1 && ((position + 1 < length ? itemBits[position + 1] as number : 0) & takes) === 0) continue;
        const pending = cur.pending[t] as number;
        addClosure(machine, items, itemBits, pc + 1, pending < 0 ? cur.slots[t] as number : settled(machine, cur.slots[t] as number, pending, position, half), cur.start[t] as number, position + 1, generation, next, half);
      }
    }
    const swap = cur; cur = next; next = swap;
  }
  // Threads that reached `match` at the very end.
  if (!matched) {
    for (let t = 0; t < cur.count; t++) {
      if (ops[cur.pc[t] as number] === OP_MATCH) {
        copySlots(machine, cur.slots[t] as number, cur.pending[t] as number, length, result, 0);
        result[width] = cur.start[t] as number;
        result[width + 1] = length;
        matched = true;
        break;
      }
    }
  }
  machine.generation = generation;
  cur.count = next.count = 0;
  return matched;
}

/**
 * The match of the first thread of `list`, at the greedy tail `any` at `pc` and `position` (`Machine.tailExit`),
 * into the machine's `result`: what stepping on would give. Its test passes each item to the end with no save, and
 * at the end its way out to `match` saves `length` in the slots it names.
 */
function settleTail(machine: Machine, list: ThreadList, pc: number, position: number, length: number): void {
  const { result, width } = machine;
  copySlots(machine, list.slots[0] as number, list.pending[0] as number, position, result, 0);
  const exit = machine.tailExit[pc] as number;
  const { saveFrom, saveTo, saves } = machine.closures;
  for (let s = saveFrom[exit] as number; s < (saveTo[exit] as number); s++) result[saves[s] as number] = length;
  result[width] = list.start[0] as number;
  result[width + 1] = length;
}

/** A match's captures: name → item range. */
export type CaptureRanges = Map<string, { from: number; to: number }>;

/**
 * Every non-overlapping leftmost-first match, left to right (like a global regular expression): how many, their
 * slots one after another in the machine's `found` (each as `result`). `bits` and `itemBits`: the sentence's
 * classes (`classBits`, `itemClassBits`).
 */
function findAll(compiled: CompiledPattern, items: readonly PatternItem[], bits: number, start: number, itemBits: ItemBits): number {
  if (!mayMatch(compiled, bits)) return 0;
  const machine = machineOf(compiled);
  const last = lastStart(compiled.requiredBits, itemBits, items.length, machine.lastPos);
  if (last < 0) return 0;
  // An anchored pattern's first item is tested before the required word tests, which scan the whole sentence.
  if (compiled.anchored && (start > 0 || !mayStartAt(machine, items, itemBits, 0))) return 0;
  if (!passesRequiredTests(compiled, items, itemBits)) return 0;
  const { result, width } = machine;
  const stride = width + 2;
  let count = 0;
  let from = start;
  while (from <= last) {
    if (!execSlots(machine, compiled, items, from, itemBits, last)) break;
    const matchStart = result[width] as number;
    const matchEnd = result[width + 1] as number;
    if (matchEnd === matchStart) { from = matchStart + 1; continue; }
    if ((count + 1) * stride > machine.found.length) {
      const grown = new Int32Array(2 * (count + 1) * stride);
      grown.set(machine.found);
      machine.found = grown;
    }
    machine.found.set(result, count * stride);
    count++;
    from = matchEnd;
  }
  return count;
}

/** Every non-overlapping leftmost-first match, left to right (like a global regular expression). */
export function matchAllPattern(compiled: CompiledPattern, items: readonly PatternItem[], bits = classBits(items), start = 0, itemBits: ItemBits = bitsFor(items)): CaptureRanges[] {
  const count = findAll(compiled, items, bits, start, itemBits);
  const all: CaptureRanges[] = [];
  if (count === 0) return all;
  const { found, width, captureNames, captureSlots } = machineOf(compiled);
  for (let m = 0; m < count; m++) {
    const at = m * (width + 2);
    const groups: CaptureRanges = new Map();
    for (let c = 0; c < captureNames.length; c++) {
      const from = found[at + (captureSlots[c] as number)] as number;
      const to = found[at + (captureSlots[c] as number) + 1] as number;
      if (from >= 0 && to >= 0) groups.set(captureNames[c] as string, { from, to });
    }
    all.push(groups);
  }
  return all;
}

/** No match: one shared (frozen) empty list, as a sentence most rules do not match gives. */
const NO_RECORDS: ReadonlyArray<Record<string, { from: number; to: number }>> = Object.freeze([]);

/**
 * As `matchAllPattern`, each match's captures as a plain record (what the rules read), without a Map per match;
 * a list of none is shared, and so read-only.
 */
export function matchAllRecords(compiled: CompiledPattern, items: readonly PatternItem[], bits: number, start: number, itemBits: ItemBits = bitsFor(items)): ReadonlyArray<Record<string, { from: number; to: number }>> {
  const count = findAll(compiled, items, bits, start, itemBits);
  if (count === 0) return NO_RECORDS;
  const { found, width, captureNames, captureSlots } = machineOf(compiled);
  const all = new Array<Record<string, { from: number; to: number }>>(count);
  for (let m = 0; m < count; m++) {
    const at = m * (width + 2);
    const groups: Record<string, { from: number; to: number }> = {};
    for (let c = 0; c < captureNames.length; c++) {
      const from = found[at + (captureSlots[c] as number)] as number;
      const to = found[at + (captureSlots[c] as number) + 1] as number;
      if (from >= 0 && to >= 0) groups[captureNames[c] as string] = { from, to };
    }
    all[m] = groups;
  }
  return all;
}
