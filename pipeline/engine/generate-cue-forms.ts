/**
 * Writes every cue's inflections into rules/cues.json (or the cues.json of the folder given), so loading the
 * rules never conjugates: `npm run rules:forms [-- DIR]`. Run it after adding or changing a lemma or its `omit`.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_RULES_DIR, readJson } from '../lexicon.ts';
import { CuesFile, withGeneratedForms } from './cue-lexicon.ts';

const file = path.join(process.argv[2] ?? DEFAULT_RULES_DIR, 'cues.json');
const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
// Validate first (a broken file is refused, not rewritten), then keep the "$" comments where they were.
const generated = withGeneratedForms(readJson(file, CuesFile));
const out: Record<string, unknown> = {};
for (const key of Object.keys(raw)) out[key] = key.startsWith('$') ? raw[key] : generated[key as keyof typeof generated];
for (const entry of generated.verbs) if (entry.forms?.length === 0) throw new Error(`${file}: cannot conjugate "${entry.lemma}"; list its "forms"`);
const temporary = `${file}.tmp`;
writeFileSync(temporary, `${JSON.stringify(out, null, 2)}\n`);
renameSync(temporary, file);
console.log(`${file}: forms of ${generated.verbs.length} verbs and ${generated.nouns.length} nouns written`);
