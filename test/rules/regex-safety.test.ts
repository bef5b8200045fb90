/** User patterns that could backtrack without end are refused before any article is read; the shipped ones pass. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../cli.ts';
import { DEFAULT_RULES_DIR, loadLexicon, RuleFileError } from '../../pipeline/lexicon.ts';
import { analysePattern, isVetted, VETTED_PATTERNS } from '../../pipeline/engine/regex-safety.ts';

const temps: string[] = [];
afterAll(() => { for (const dir of temps) rmSync(dir, { recursive: true, force: true }); });

function rulesWithBoilerplate(pattern: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qa-redos-'));
  temps.push(dir);
  cpSync(DEFAULT_RULES_DIR, path.join(dir, 'rules'), { recursive: true });
  const file = path.join(dir, 'rules', 'lexicon', 'words.json');
  const words = JSON.parse(readFileSync(file, 'utf8')) as { boilerplate: string[] };
  words.boilerplate.push(pattern);
  writeFileSync(file, JSON.stringify(words));
  return path.join(dir, 'rules');
}

describe('regular expressions in rule files', () => {
  it('every pattern of the shipped rule files is vetted, and the analysis finds each vetted pattern safe', () => {
    const words = JSON.parse(readFileSync(path.join(DEFAULT_RULES_DIR, 'lexicon', 'words.json'), 'utf8')) as { boilerplate: string[]; dateline?: string };
    const used = [...words.boilerplate.map((source) => ({ source, flags: 'iu' })), ...(words.dateline ? [{ source: words.dateline, flags: 'u' }] : [])];
    for (const { source, flags } of used) expect(isVetted(source, flags), source).toBe(true);
    for (const { source, flags } of VETTED_PATTERNS) expect(analysePattern(source, flags, 60_000).status, source).toBe('safe'); // generous: the machine may be busy
  }, 300_000);

  it('refuses an alternation under a star (^(\\d|\\w)*$), which the nested-quantifier test lets through', () => {
    const rules = rulesWithBoilerplate('^(\\d|\\w)*$');
    expect(() => loadLexicon(rules)).toThrow(RuleFileError);
    expect(() => loadLexicon(rules)).toThrow(/words\.json: pattern "\^\(\\\\d\|\\\\w\)\*\$" can backtrack without end \(exponential/);
  });

  it('refuses nested quantifiers, and a pattern that is only slow in the square of its input', () => {
    expect(() => loadLexicon(rulesWithBoilerplate('^(\\w+\\s?)+$'))).toThrow(/nests quantifiers/);
    expect(() => loadLexicon(rulesWithBoilerplate('^\\s*\\s*x'))).toThrow(/can backtrack without end \(2nd degree polynomial/);
    // A safe pattern the user adds still loads.
    expect(loadLexicon(rulesWithBoilerplate('^Sponsored content\\b')).boilerplate.length).toBeGreaterThan(1);
  });

  it('the CLI stops with exit code 2 and names the file and the pattern', async () => {
    const rules = rulesWithBoilerplate('^(\\d|\\w)*$');
    const input = path.join(path.dirname(rules), 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), '"We won," coach Ana Lima said.');
    const result = await runMain([input, '--out', path.join(path.dirname(rules), 'out'), '--rules', rules, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(path.join(rules, 'lexicon', 'words.json'));
    expect(result.stderr).toContain('^(\\\\d|\\\\w)*$');
  }, 70_000);
});
