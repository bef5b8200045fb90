/**
 * `npm run check-rules [-- --rules DIR]`: loads a rules folder (every file schema-checked, every pattern compiled)
 * and runs each rule's valid/invalid examples with that rule alone. Exit 0 when all pass, 1 when an example
 * fails, 2 when a rule file is broken.
 */
import { Command } from 'commander';
import { loadRuleSet } from './engine/rule-set.ts';
import { allRulesOf, testRule } from './engine/rule-tester.ts';
import { RuleFileError } from './lexicon.ts';

const program = new Command()
  .name('check-rules')
  .description('Check a rules folder and run every rule\'s examples with that rule alone.')
  .option('--rules <dir>', 'rules folder (default: the project\'s rules/)')
  .parse();
const options = program.opts<{ rules?: string }>();

try {
  const rules = loadRuleSet(options.rules);
  const all = allRulesOf(rules);
  let failures = 0;
  let examples = 0;
  for (const rule of all) {
    examples += rule.examples.invalid.length + rule.examples.valid.length;
    for (const failure of testRule(rules, rule)) {
      failures++;
      console.log(`✗ ${failure.rule} (${failure.kind}): ${failure.text}\n    ${failure.problem}`);
    }
  }
  console.log(`${all.length} rules, ${examples} examples, ${failures} failed (${rules.rulesDir})`);
  process.exit(failures > 0 ? 1 : 0);
} catch (error) {
  if (error instanceof RuleFileError) {
    console.error(`check-rules: rule file error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
