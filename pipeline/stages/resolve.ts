/**
 * Stage 6: turn each speaker mention into one canonical speaker, in reading order.
 * Surnames → the full name the article gives; pronouns → the last speaker of that kind; roles → the person the
 * article binds to the role ("Kremlin spokesman Dmitry Peskov"), else the user's registry (rules/speakers.json).
 */
import type { ArticleContext, Mention, Quote, Resolution, Sentence, Stage } from '../context.ts';
import { normalizeName, type Lexicon } from '../lexicon.ts';
import { lowerBound, pushTo, resolveSpeaker } from '../quotes.ts';
import { tagsOf } from '../engine/word-tags.ts';
import { isSpaceAt } from '../engine/chars.ts';

interface Speaker {
  name: string;
  type: 'person' | 'organization';
  resolution: Resolution;
  role: string | null;
}

const RESOLUTION_CONFIDENCE: Record<Resolution, number> = {
  name: 1, alias: 1, surname: 0.95, organization: 0.95, continuation: 0.95, role: 0.85, pronoun: 0.85, registry: 0.8, mention: 0.6, none: 0,
};

const UPPER_AT = /\p{Lu}/uy;

/**
 * "Kees de Vries" is a full name; "de Vries" and "De Vries" (a sentence start) are surnames: at least two words
 * (runs between whitespace) that start with a capital and are no particle. Read in place: a word is cut out only to
 * be looked up among the particles, and only when it is short enough to be one (lower-casing never shortens a word).
 */
export function isFullName(name: string, particles: ReadonlySet<string>, longestParticle: number): boolean {
  let capitalised = 0;
  let k = 0;
  while (k < name.length) {
    if (isSpaceAt(name, k)) { k++; continue; }
    let end = k + 1;
    while (end < name.length && !isSpaceAt(name, end)) end++;
    UPPER_AT.lastIndex = k;
    if (UPPER_AT.test(name) && (end - k > longestParticle || !particles.has(name.slice(k, end).toLowerCase())) && ++capitalised >= 2) return true;
    k = end;
  }
  return false;
}

/** How far back (in characters) "they" looks for the group it stands for. */
const PLURAL_REACH = 400;
const headOf = (role: string | undefined): string | undefined => role?.toLowerCase().replace(/[-‐]elect$/, '');
/** The last word of the normalised name (its words are joined by single spaces). */
const lastWord = (name: string): string => {
  const normal = normalizeName(name);
  return normal.slice(normal.lastIndexOf(' ') + 1);
};
/** `text.replace(/^(?:the|a|an)\s+/i, '')`, read by character code. */
export const withoutDeterminer = (text: string): string => {
  const first = text.charCodeAt(0) | 0x20;
  let k: number;
  if (first === 0x74 && (text.charCodeAt(1) | 0x20) === 0x68 && (text.charCodeAt(2) | 0x20) === 0x65) k = 3; // the
  else if (first === 0x61) k = isSpaceAt(text, 1) ? 1 : (text.charCodeAt(1) | 0x20) === 0x6e ? 2 : -1; // a, an
  else return text;
  if (k < 0 || !isSpaceAt(text, k)) return text;
  while (isSpaceAt(text, k)) k++;
  return text.slice(k);
};

/** The last of `items[0, before)` that passes `test`. */
const lastWhere = <T>(items: readonly T[], test: (item: T) => boolean, before = items.length): T | undefined => {
  for (let k = before - 1; k >= 0; k--) if (test(items[k] as T)) return items[k];
  return undefined;
};

type Gender = 'female' | 'male';
const PRONOUN_GENDER: Record<string, Gender> = { she: 'female', he: 'male' };
const TITLE_GENDER: Record<string, Gender> = { mrs: 'female', ms: 'female', miss: 'female', madam: 'female', dame: 'female', lady: 'female', queen: 'female', mr: 'male', sir: 'male', lord: 'male', king: 'male' };
/** What a name says of its bearer's gender: a first name compromise knows as female or male, or a title ("Mrs", "King"); null when it does not say. */
function genderOf(name: string, role: string | null): Gender | null {
  // (No role: its one word "" names no title.)
  if (role) for (const word of role.toLowerCase().replace(/\./g, '').split(/\s+/)) if (TITLE_GENDER[word]) return TITLE_GENDER[word];
  // The first word: what comes before the first white space ("" when the name starts with it).
  let firstEnd = 0;
  while (firstEnd < name.length && !isSpaceAt(name, firstEnd)) firstEnd++;
  const first = name.slice(0, firstEnd);
  const tags = tagsOf(first);
  if (tags.has('FemaleName') && !tags.has('MaleName')) return 'female';
  if (tags.has('MaleName') && !tags.has('FemaleName')) return 'male';
  return null;
}
/** "she" cannot be someone the article names as a man, nor "he" a woman; an unknown gender fits either. */
const agrees = (pronoun: string, name: string, role: string | null): boolean => {
  const wanted = PRONOUN_GENDER[pronoun];
  const gender = wanted ? genderOf(name, role) : null;
  return gender === null || gender === wanted;
};

export function resolveStage(lexicon: Lexicon): Stage {
  // The lexicon is fixed once loaded.
  const longestParticle = Math.max(0, ...[...lexicon.nameParticles].map((particle) => particle.length));
  return {
    name: 'resolve',
    run(ctx: ArticleContext): void {
      const persons = ctx.mentions.filter((m) => m.type === 'person' && m.name);
      // Indexes keep resolution linear in the number of quotes and mentions.
      const fullNamesBySurname = new Map<string, Mention[]>();
      for (const m of persons) {
        if (!isFullName(m.name ?? '', lexicon.nameParticles, longestParticle)) continue;
        const key = lastWord(m.name ?? '');
        pushTo(fullNamesBySurname, key, m);
      }
      const bindingsByHead = new Map<string, Mention[]>();
      for (const m of persons) {
        const head = headOf(m.roleHead);
        if (head) pushTo(bindingsByHead, head, m);
      }
      // The organisations' names, each once, in the order they first appear.
      const organizationNames: Array<{ name: string; key: string }> = [];
      const seenOrganizations = new Set<string>();
      for (const m of ctx.mentions) {
        if (m.type !== 'organization' || !m.name) continue;
        const name = withoutDeterminer(m.name);
        if (seenOrganizations.has(name)) continue;
        seenOrganizations.add(name);
        organizationNames.push({ name, key: normalizeName(name) });
      }
      const longerName = new Map<string, string | undefined>();
      const groups = ctx.mentions.filter((m) => m.type === 'organization' || (m.type === 'role' && lexicon.pluralRoles.has((m.roleHead ?? '').toLowerCase())));
      const bindingsByRoleOrg = new Map<string, Mention[]>();
      let lastPerson: Speaker | null = null;
      /** The people who spoke so far, in order: "she" goes back to the last one who can be a "she". */
      const recentPersons: Speaker[] = [];
      let lastOrganization: Speaker | null = null;

      /**
       * The sentence of the mention item that starts at `start` (the last such sentence, should there be two). The
       * first few pronouns look it up by a scan from the end; an article with more gets an index, made once.
       */
      let sentenceIndex: Map<number, number> | undefined;
      let scans = 0;
      const sentenceOf = (start: number): number | undefined => {
        if (!sentenceIndex && scans < 4) {
          scans++;
          for (let s = ctx.sentences.length - 1; s >= 0; s--) {
            const sentence = ctx.sentences[s] as Sentence;
            for (const item of sentence.items) if (item.mention && item.start === start) return sentence.index;
          }
          return undefined;
        }
        if (!sentenceIndex) {
          sentenceIndex = new Map();
          for (const sentence of ctx.sentences) for (const item of sentence.items) if (item.mention) sentenceIndex.set(item.start, sentence.index);
        }
        return sentenceIndex.get(start);
      };

      /** The candidate nearest before `at`, else the first after it (candidates are in text order). */
      const nearest = <T extends Mention>(candidates: T[], at: number): T | undefined => {
        const index = lowerBound(candidates, at, (c) => c.start);
        return candidates[index - 1] ?? candidates[index];
      };

      const person = (name: string, at: number, role: string | null): Speaker => {
        const known = lexicon.speakerAliases.get(normalizeName(name));
        if (known) return { name: known.name, type: known.type, resolution: normalizeName(known.name) === normalizeName(name) ? 'name' : 'alias', role };
        // "de Vries" is a surname: particles do not make a full name.
        if (isFullName(name, lexicon.nameParticles, longestParticle)) return { name, type: 'person', resolution: 'name', role };
        const surname = lastWord(name);
        const full = nearest(fullNamesBySurname.get(surname) ?? [], at);
        if (full?.name) {
          const fullKnown = lexicon.speakerAliases.get(normalizeName(full.name));
          return { name: fullKnown?.name ?? full.name, type: 'person', resolution: 'surname', role: role ?? full.role ?? null };
        }
        // "Apple said" after "Apple Inc.": a one-word name that the article gives as an organisation.
        const asOrganization = organizationNames.find((n) => n.key.split(' ')[0] === surname && n.key !== surname);
        if (asOrganization && !name.includes(' ')) return { ...organization(asOrganization.name), role };
        const registered = lexicon.speakers.find((s) => s.type === 'person' && lastWord(s.name) === surname);
        if (registered) return { name: registered.name, type: 'person', resolution: 'registry', role };
        return { name, type: 'person', resolution: 'mention', role };
      };

      const organization = (name: string): Speaker => {
        const bare = withoutDeterminer(name);
        const known = lexicon.orgAliases.get(normalizeName(bare));
        if (known) return { name: known, type: 'organization', resolution: 'organization', role: null };
        // "the Treasury" after "the US Treasury Department": the longer name the article gave.
        const key = normalizeName(bare);
        // Places stay themselves: "the US" is not "the US Treasury".
        if (lexicon.places.has(bare)) return { name: bare, type: 'organization', resolution: 'organization', role: null };
        if (!longerName.has(key)) {
          longerName.set(key, organizationNames.filter((n) => n.key !== key && ` ${n.key} `.includes(` ${key} `)).sort((a, b) => b.name.length - a.name.length)[0]?.name);
        }
        const longer = longerName.get(key);
        const longerKnown = longer ? lexicon.orgAliases.get(normalizeName(longer)) : undefined;
        const resolved = longerKnown ?? longer ?? bare;
        // "the company", "the ministry": a description, not a name; it stays as the mention says.
        const generic = !/\p{Lu}/u.test(resolved);
        return { name: resolved, type: 'organization', resolution: generic ? 'mention' : 'organization', role: null };
      };

      const role = (mention: Mention, at: number): Speaker | null => {
        // "Mijares further claimed": a capitalised word read as a plural noun is the surname of someone the article named.
        if (/^\p{Lu}[\p{Ll}'’-]+$/u.test(mention.text) && fullNamesBySurname.has(lastWord(mention.text))) return person(mention.text, at, null);
        const head = headOf(mention.roleHead);
        const roleText = withoutDeterminer(mention.role ?? mention.text);
        // "the official" is the last person who spoke; "a source" or "an official" is someone not named.
        // "its source", "his spokesman": someone tied to another speaker, not that speaker.
        const indefinite = /^(?:a|an|its|his|her|their)\s/i.test(mention.text) || /\b(?:its|his|her|their)\s+$/i.test(ctx.text.slice(Math.max(0, mention.start - 7), mention.start));
        if (head && lexicon.genericRoles.has(head) && lastPerson && !indefinite) return { ...lastPerson, resolution: 'role', role: roleText };
        if (head) {
          const sameHead = bindingsByHead.get(head) ?? [];
          const orgKey = `${head}\u0000${normalizeName(mention.roleOrg ?? '')}`;
          let sameOrg = bindingsByRoleOrg.get(orgKey);
          if (!sameOrg) {
            const orgWords = new Set(normalizeName(mention.roleOrg ?? '').split(' ').filter(Boolean));
            sameOrg = sameHead.filter((b) => normalizeName(b.roleOrg ?? '').split(' ').some((w) => orgWords.has(w)));
            bindingsByRoleOrg.set(orgKey, sameOrg);
          }
          // "a chief executive, who asked not to be named" is someone else unless the organisation matches too.
          const bound = nearest(sameOrg.length > 0 || indefinite ? sameOrg : sameHead, at);
          if (bound?.name) return { ...person(bound.name, bound.start, roleText), resolution: 'role', role: roleText };
        }
        const registryKeys = [roleText, mention.roleOrg && head ? `${mention.roleOrg} ${head}` : ''].filter(Boolean).map(normalizeName);
        for (const key of registryKeys) {
          const known = lexicon.speakerRoles.get(key)?.[0];
          if (known) return { name: known.name, type: known.type, resolution: 'registry', role: roleText };
        }
        // "U.S. officials", "local media": a group the article does not name further is the group as written.
        if (lexicon.pluralRoles.has(roleText.split(' ').pop()?.toLowerCase() ?? '')) return { name: roleText, type: 'person', resolution: 'mention', role: roleText };
        if (mention.roleOrg) return { ...organization(mention.roleOrg), role: roleText };
        return { name: roleText, type: 'person', resolution: 'mention', role: roleText };
      };

      /**
       * "he"/"she" in a paragraph that has just named someone: the speaker of that sentence, else its subject
       * (the first person it names), in the pronoun's own sentence before it or the sentence before in the paragraph.
       */
      const localAntecedent = (pronoun: Mention): Speaker | null => {
        const word = (pronoun.name ?? pronoun.text).toLowerCase();
        const index = sentenceOf(pronoun.start);
        if (index === undefined) return null;
        const sentence = ctx.sentences[index];
        const previous = ctx.sentences[index - 1];
        // The pronoun's sentence up to the pronoun, then the one before it in the paragraph (whole).
        for (let pass = 0; pass < 2; pass++) {
          const s = pass === 0 ? sentence : previous && sentence && previous.paragraph === sentence.paragraph ? previous : undefined;
          if (!s) continue;
          const before = pass === 0 ? pronoun.start : s.end;
          const spoke = speakerOfSentence.get(s.index);
          if (spoke && spoke.start < before && agrees(word, spoke.speaker.name, spoke.speaker.role)) return spoke.speaker;
          // The object of a preposition is someone spoken to or about ("Speaking to Ana Ruiz of the Gazette, he said"), not a subject.
          const subject = s.items.find((item, k) => item.start < before && item.sym === 'M' && (item.mention?.type === 'person' || item.mention?.type === 'role') && s.items[k - 1]?.sym !== 'p'
            && (item.mention.type !== 'person' || agrees(word, item.mention.name ?? item.mention.text, item.mention.role ?? null)))?.mention;
          if (subject) {
            const speaker = subject.type === 'person' ? person(subject.name ?? subject.text, subject.start, subject.role ?? null) : role(subject, subject.start);
            if (speaker?.type === 'person' && speaker.resolution !== 'mention' && agrees(word, speaker.name, speaker.role)) return speaker;
          }
        }
        return null;
      };

      /** "It said …" after a sentence that names an organisation: that organisation, if no organisation spoke there. */
      const localOrganization = (pronoun: Mention): Speaker | null => {
        const index = sentenceOf(pronoun.start);
        if (index === undefined) return null;
        const sentence = ctx.sentences[index];
        const previous = ctx.sentences[index - 1];
        for (let pass = 0; pass < 2; pass++) {
          const s = pass === 0 ? sentence : previous && sentence && previous.paragraph === sentence.paragraph ? previous : undefined;
          if (!s) continue;
          const named = s.items.find((item) => item.start < pronoun.start && item.mention?.type === 'organization')?.mention;
          if (named) return organization(named.name ?? named.text);
        }
        return null;
      };

      const resolveMention = (mention: Mention, at: number): Speaker | null => {
        switch (mention.type) {
          case 'pronoun': {
            const word = (mention.name ?? mention.text).toLowerCase();
            if (lexicon.personPronouns.has(word)) {
              const local = localAntecedent(mention);
              if (local) return { ...local, resolution: 'pronoun' };
              const recent = lastWhere(recentPersons, (p) => agrees(word, p.name, p.role));
              if (recent) return { ...recent, resolution: 'pronoun' };
              const earlier = lastWhere(persons, (m) => m.name !== undefined && agrees(word, m.name, m.role ?? null), lowerBound(persons, at, (c) => c.start))
                ?? (recentPersons.length === 0 ? nearest(persons, at) : undefined);
              return earlier?.name && earlier.start < at ? { ...person(earlier.name, earlier.start, earlier.role ?? null), resolution: 'pronoun' } : null;
            }
            if (lexicon.orgPronouns.has(word)) {
              const local = localOrganization(mention);
              if (local) return { ...local, resolution: 'pronoun' };
              return lastOrganization ? { ...lastOrganization, resolution: 'pronoun' } : null;
            }
            // "they": the group or organisation named last before it, if it is near; no guess otherwise.
            const group = nearest(groups, at);
            if (group && group.start < at && at - group.start < PLURAL_REACH) {
              const speaker = group.type === 'organization' ? organization(group.name ?? group.text) : { name: withoutDeterminer(group.text), type: 'person' as const, resolution: 'mention' as const, role: null };
              return { ...speaker, resolution: 'pronoun' };
            }
            return null;
          }
          case 'person':
            return person(mention.name ?? mention.text, at, mention.role ?? null);
          case 'organization':
            return organization(mention.name ?? mention.text);
          case 'role':
            return role(mention, at);
        }
      };

      const speakerOfSentence = new Map<number, { start: number; speaker: Speaker }>();
      const byStart = new Map<number, Quote>();
      for (const quote of ctx.quotes) {
        let speaker: Speaker | null = null;
        const source = quote.continuesQuote !== undefined ? byStart.get(quote.continuesQuote) : undefined;
        if (source?.speaker) {
          speaker = { name: source.speaker, type: source.speakerType ?? 'person', resolution: 'continuation', role: source.speakerRole };
        } else if (quote.mention) {
          speaker = resolveMention(quote.mention, quote.mention.start);
        }
        byStart.set(quote.start, quote);
        if (!speaker) continue;
        resolveSpeaker(quote, speaker, Math.round(quote.confidence * RESOLUTION_CONFIDENCE[speaker.resolution] * 100) / 100);
        // Groups and unresolved roles ("officials", "a source") are no antecedent for "he" or "she".
        if (speaker.type === 'person' && speaker.resolution !== 'mention' && !speakerOfSentence.has(quote.sentence)) {
          speakerOfSentence.set(quote.sentence, { start: quote.start, speaker: { ...speaker } });
        }
        if (speaker.type === 'person' && (speaker.resolution !== 'mention' || quote.mention?.type === 'person')) {
          lastPerson = { ...speaker };
          recentPersons.push(lastPerson);
        }
        else lastOrganization = { ...speaker };
      }
      // Continuations whose source comes later in the text (an attribution in the second paragraph).
      for (const quote of ctx.quotes) {
        const source = quote.continuesQuote !== undefined ? byStart.get(quote.continuesQuote) : undefined;
        if (quote.state !== 'resolved' && source?.speaker) {
          resolveSpeaker(quote, { name: source.speaker, type: source.speakerType ?? 'person', role: source.speakerRole, resolution: 'continuation' });
        }
      }
    },
  };
}
