/**
 * Clause boundaries: where reported content stops. A rule's `content` capture runs to the end of what its pattern
 * allows; this component cuts it back to the reported clause. It stops the content
 *   - at a semicolon or the end of a sentence, and at a colon before a quotation;
 *   - before ", <participle cue>" (", adding that …", ", further saying …") or ", according to";
 *   - before ", <subordinator>" (", because …", ", although …", ", while …": the writer's clause, not the source's);
 *   - before ", such as <person>" (the writer's examples of people);
 *   - before ", which …" or ", who …" that runs to the end (a comment on the whole report: "…, which surprised nobody"); a
 *     ", which …," closed by a comma is an inserted relative clause and stays;
 *   - at the comma that closes a sentence-opening "with" phrase ("With officials saying A, B");
 *   - before ", meaning …", ", leaving …" (a bare -ing verb after a comma: the writer's consequence), and before
 *     ", with <source> <participle cue>";
 *   - before "and"/"but" with a negated verb ("… but did not accede to …");
 *   - before ", without <…ing>" ("…, without offering any evidence": the writer's remark);
 *   - before "and" with a past-tense verb ("… to reconsider and spoke to the minister": the main subject goes on);
 *   - before a second attribution: "and <cue>" (", and has denied that"), ", but <source> <cue>" (", but officials
 *     said …"), and ", <source> <cue>" ("…, a union spokesman said", "…, Peskov told CNN: …").
 * An attribution inserted in the content ("A, Okafor said, B") is part of the unit and ends nothing.
 * Edge punctuation is then trimmed. The cut never lengthens the content.
 */
import type { Item } from '../context.ts';
import type { Lexicon } from '../lexicon.ts';
import type { GroupRange } from '../patterns.ts';
import { tagsOf } from './word-tags.ts';

/** A word compromise's lexicon knows as a past-tense verb and as nothing else ("spoke", "resigned"). */
const isPastVerb = (word: string): boolean => {
  const tags = tagsOf(word.toLowerCase());
  return tags.has('PastTense') && !tags.has('Noun') && !tags.has('Adjective');
};
/** An -ing verb form that opens the writer's own clause ("meaning", "leaving"); not one that goes on with a list ("including") or is often a noun. */
const LIST_GERUNDS = new Set(['including', 'excluding', 'following', 'regarding', 'concerning', 'involving', 'notwithstanding', 'building', 'meeting']);
// Regular expressions as constants: a literal in a function makes a new RegExp object each time it is evaluated.
const ING = /ing$/u;
const COMMA_AT_END = /,\W?$/u;
const DO_FORMS = /^(?:did|does|do)$/;
/** Whether the symbol is one of the one-character classes in `classes`. */
const symIn = (sym: string | undefined, classes: string): boolean => sym !== undefined && sym.length === 1 && classes.includes(sym);
const isGerund = (word: string): boolean => {
  if (!ING.test(word) || LIST_GERUNDS.has(word.toLowerCase())) return false;
  const tags = tagsOf(word.toLowerCase());
  return tags.has('Gerund') && !tags.has('Noun');
};
const isCue = (item: Item | undefined): boolean => item !== undefined && (item.sym === 'C' || item.sym === 'G');
/** The item's lower-case text; a quotation's (which the mentions stage leaves to be made when asked) is kept on the item, as the pattern VM does: the cut runs once per match. */
const lower = (item: Item | undefined): string => (item === undefined ? '' : (item.lower ??= item.text.toLowerCase()));

/**
 * From `k`: a determiner and a possessor (both optional), a mention, adverbs, then a cue. The cue's index, or -1.
 * With `lexicon`, the adverbs may not be auxiliaries, negations or modals (see `nestedAttributionAt`). (A flag, not
 * a test function: a closure made per call.)
 */
function cueAfterSource(items: readonly Item[], k: number, to: number, lexicon: Lexicon | null = null): number {
  let j = k;
  if (items[j]?.sym === 'd') j++;
  if (items[j]?.sym === 'm') j++;
  if (items[j]?.sym !== 'M') return -1;
  j++;
  while (j < to && items[j]?.sym === 'h') {
    if (lexicon !== null) {
      const word = lower(items[j]);
      if (lexicon.auxiliaries.has(word) || lexicon.negations.has(word) || MODALS.test(word)) return -1;
    }
    j++;
  }
  return isCue(items[j]) ? j : -1;
}

/** From `k` (the first item after a comma or conjunction): a source phrase and a cue, as in ", but officials said". */
export const attributionAt = (items: readonly Item[], k: number, to: number): boolean => cueAfterSource(items, k, to) >= 0;

const MODALS = /^(?:can|could|may|might|must|shall|should|do|does|did)$/;

/**
 * A report nested at the start of a content ("reported its source claimed …"): a source and an inflected cue
 * ("claimed", "says"), with no auxiliary or negation between them ("he can't say that" is content, and so is the
 * base form in "demanded that Ukraine declare …").
 */
export function nestedAttributionAt(items: readonly Item[], k: number, to: number, lexicon: Lexicon): boolean {
  const at = cueAfterSource(items, k, to, lexicon);
  const cue = items[at]?.cue;
  return at >= 0 && cue !== undefined && lower(items[at]) !== cue.lemma && at + 1 < to;
}

/** A comma before the content's end closes the clause opened at `k`: an inserted ", which …," clause. */
function closedByComma(items: readonly Item[], k: number, to: number): boolean {
  for (let j = k; j < to - 1; j++) {
    const sym = items[j]?.sym;
    if (sym === '.' || sym === ';') return false;
    if (sym === ',') return true;
  }
  return false;
}

/**
 * The attribution inserted in a content ("A, Okafor said, B", "A, according to police, B"): from the comma before
 * the source or cue to the comma after them. Null when the cue is not inside the content.
 */
export function insertedAttribution(items: Item[], content: GroupRange, cue: GroupRange, source: GroupRange | undefined): GroupRange | null {
  if (cue.from < content.from || cue.from >= content.to) return null;
  let from = Math.min(cue.from, source?.from ?? cue.from);
  if (lower(items[from - 1]) === 'as') from--;
  if (items[from - 1]?.sym === ',') from--;
  let to = Math.max(cue.to, source?.to ?? cue.to);
  while (to < content.to && items[to]?.sym !== ',') to++;
  return { from, to: Math.min(to + 1, content.to) };
}

/**
 * Where the content in `range` stops, as an item range (see the module comment). Nothing inside `inserted` (an
 * attribution inserted in the content, see {@link insertedAttribution}) ends it.
 */
export function contentBoundary(items: Item[], range: GroupRange, lexicon: Lexicon, inserted: GroupRange | null = null): GroupRange {
  let to = range.to;
  // "With officials saying the bridge is safe, traffic resumed": a sentence-opening "with" phrase ends at its comma.
  let inOpeningWith = lower(items[0]) === 'with';
  for (let k = 0; k < Math.min(range.from, items.length) && inOpeningWith; k++) if ((items[k] as Item).sym === ',') inOpeningWith = false;
  for (let k = range.from; k < range.to; k++) {
    if (inserted && k >= inserted.from && k < inserted.to) continue;
    const item = items[k];
    const next = items[k + 1];
    if (!item) break;
    if (item.sym === ';' || item.sym === '.') { to = k; break; }
    // "… would go anyway: \"Wow! …\"": a colon before a quotation opens the source's own words, a direct quote.
    if (item.sym === ':' && next?.sym === 'Q' && k > range.from) { to = k; break; }
    // '… "costs billions," further saying …': a comma inside the closing quotation mark ends the clause as one
    // outside it would; the quotation stays in the content.
    const commaInQuote = item.sym === 'Q' && COMMA_AT_END.test(item.text);
    if ((item.sym === ',' || commaInQuote) && next && k > range.from) {
      const cut = commaInQuote ? k + 1 : k;
      if (inOpeningWith) { to = cut; break; }
      const word = lower(next);
      let afterAdverbs = k + 1;
      while (items[afterAdverbs]?.sym === 'h') afterAdverbs++;
      if (items[afterAdverbs]?.sym === 'G' || next.sym === 'A' || lexicon.subordinators.has(word)) { to = cut; break; }
      if ((word === 'which' || next.sym === 'W') && !closedByComma(items, k + 2, range.to)) { to = cut; break; }
      // "…, such as former governor Ana Ruiz, who …": the writer's examples of people (not "such as manual skills").
      if (word === 'such' && lower(items[k + 2]) === 'as' && items[k + 3]?.sym === 'M' && items[k + 3]?.mention?.type === 'person') { to = cut; break; }
      if (word === 'without' && ING.test(lower(items[k + 2]))) { to = cut; break; }
      if (next.sym === '&' && attributionAt(items, k + 2, range.to)) { to = cut; break; }
      // "…, with officials reporting 40 dead": a second source with its own participle.
      if (word === 'with' && attributionAt(items, k + 2, range.to)) { to = cut; break; }
      // "…, meaning the council would not meet": the writer's consequence, a bare -ing verb after the comma.
      // (Not in a list: "eight infrastructure, shipping and construction companies".)
      if (next.sym === 'w' && isGerund(next.text) && k - range.from >= 4 && !symIn(items[k + 2]?.sym, '&,')) { to = cut; break; }
      if (attributionAt(items, k + 1, range.to)) { to = cut; break; }
    }
    if (item.sym === '&' && k > range.from) {
      let j = k + 1;
      let negated = false;
      while (items[j]?.sym === 'h') { if (lexicon.negations.has(lower(items[j])) || DO_FORMS.test(lower(items[j]))) negated = true; j++; }
      if (isCue(items[j])) { to = k; break; }
      // "agreed to add two members but did not accede to …": the sentence's subject goes on, in the negative.
      if (negated && items[j]?.sym === 'w') { to = k; break; }
      // "urged the embassy to reconsider and spoke to the minister": a past-tense verb right after "and" goes on
      // with the sentence's own subject, not with the reported words.
      const after = items[j];
      if (after?.sym === 'w' && isPastVerb(after.text)) { to = k; break; }
    }
  }
  let from = range.from;
  while (from < to && symIn(items[from]?.sym, ',.:;')) from++;
  while (to > from && symIn(items[to - 1]?.sym, ',.:;&')) to--;
  return { from, to };
}
