/**
 * The sieves the engine knows, by id. Which of them run, and in which order, is configuration: the rules folder's
 * pipeline.json. Each fills only what is still open (a quote without a speaker) and records its id on what it decides.
 */
import type { Sieve } from '../../rule.ts';
import { sieve as blockAfterColon } from './block-after-colon.ts';
import { sieve as continuationParagraph } from './continuation-paragraph.ts';
import { sieve as continuationSentence } from './continuation-sentence.ts';
import { sieve as directAfterSubject } from './direct-after-subject.ts';

export const SIEVES: ReadonlyMap<string, Sieve> = new Map([continuationParagraph, blockAfterColon, continuationSentence, directAfterSubject].map((sieve) => [sieve.id, sieve]));
