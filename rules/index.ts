/**
 * The rule registry, in the order rules run. Reported rules find indirect and mixed quotes, direct rules
 * attribute quotations, structural rules work across sentences. To add a rule: write a module in
 * rules/patterns/ (copy one that is close), give it examples, and list it here.
 */
import type { PatternRule, Rule, StructuralRule } from '../pipeline/rule.ts';
import blockAfterColon from './patterns/block-after-colon.ts';
import continuationParagraph from './patterns/continuation-paragraph.ts';
import continuationSentence from './patterns/continuation-sentence.ts';
import directAccordingTo from './patterns/direct-according-to.ts';
import directAfterSubject from './patterns/direct-after-subject.ts';
import directLeadIn from './patterns/direct-lead-in.ts';
import directParticiple from './patterns/direct-participle.ts';
import directTrailing from './patterns/direct-trailing.ts';
import directTrailingInverted from './patterns/direct-trailing-inverted.ts';
import reportedAccordingTo from './patterns/reported-according-to.ts';
import reportedAccordingToLeading from './patterns/reported-according-to-leading.ts';
import reportedBare from './patterns/reported-bare.ts';
import reportedColonHeadline from './patterns/reported-colon-headline.ts';
import reportedCoordinated from './patterns/reported-coordinated.ts';
import reportedNoun from './patterns/reported-noun.ts';
import reportedParticiple from './patterns/reported-participle.ts';
import reportedRelative from './patterns/reported-relative.ts';
import reportedSpeechAct from './patterns/reported-speech-act.ts';
import reportedSpeechActObject from './patterns/reported-speech-act-object.ts';
import reportedThat from './patterns/reported-that.ts';
import reportedTold from './patterns/reported-told.ts';
import reportedTrailing from './patterns/reported-trailing.ts';
import reportedTrailingInverted from './patterns/reported-trailing-inverted.ts';

export const reportedRules: PatternRule[] = [
  reportedTrailing,
  reportedTrailingInverted,
  reportedAccordingTo,
  reportedAccordingToLeading,
  reportedNoun,
  reportedRelative,
  reportedThat,
  reportedBare,
  reportedTold,
  reportedParticiple,
  reportedSpeechAct,
  reportedSpeechActObject,
  reportedCoordinated,
  reportedColonHeadline,
];

export const directRules: PatternRule[] = [directTrailing, directTrailingInverted, directAccordingTo, directLeadIn, directParticiple];

export const structuralRules: StructuralRule[] = [continuationParagraph, blockAfterColon, continuationSentence, directAfterSubject];

export const allRules: Rule[] = [...reportedRules, ...directRules, ...structuralRules];
