import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('npm run explain', () => {
  it('shows the rules that matched and why a candidate was dropped', () => {
    const output = execFileSync(process.execPath, ['dist/explain.js', 'Ida Berg never said that the talks were over.'], { cwd: root, encoding: 'utf8' });
    expect(output).toMatch(/matched reported-that: source="Ida Berg" cue="said" content="the talks were over \."/);
    expect(output).toMatch(/dropped reported-that candidate "the talks were over": cue-negated: "said" is negated/);
  });

  it('shows the signature and the rule and evidence behind each quote', () => {
    const output = execFileSync(process.execPath, ['dist/explain.js', '"Enough," Ida Berg said. She added that talks were over.'], { cwd: root, encoding: 'utf8' });
    expect(output).toContain('signature QMC.');
    expect(output).toMatch(/direct {3}"Enough,"\n\s+speaker Ida Berg \(person; name\) ← mention "Ida Berg" · cue "said" · rule direct-trailing/);
    expect(output).toMatch(/indirect "talks were over"\n\s+speaker Ida Berg \(person; pronoun\)/);
  });
});
