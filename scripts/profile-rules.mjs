// node scripts/profile-rules.mjs [--sizes 1,100,1000,3000] [--top 15] [--rule <id>]...
// Where analysis time goes, for the generated policy of scripts/policyMix.mjs: jsonc-parser's
// parse of the same text (the baseline), analyseDocument (recognise, parse, build the model), all
// rules together (every rule's check on one document, as validation runs them), and each rule
// alone on a freshly analysed document (so it pays for any per-policy work it shares with other
// rules). Medians over repeated runs; the machine may be shared, so compare shares and growth
// with size rather than absolute times. Needs `npx tsc -p .` first (reads out/).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { policyText } from './policyMix.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jsonc = require('jsonc-parser');
const { analyseDocument } = require(path.join(root, 'out/server/src/documents.js'));
const { ALL_RULES } = require(path.join(root, 'out/server/src/rules/index.js'));
const { mergeConfig } = require(path.join(root, 'out/server/src/config.js'));

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,100,1000,3000' },
    top: { type: 'string', default: '15' },
    rule: { type: 'string', multiple: true, default: [] },
  },
});
const sizes = args.sizes.split(',').map(Number);
const top = Number(args.top);
const config = mergeConfig({ ownAccountIds: ['111122223333'] });
const input = (text) => ({ text, filePath: '/bench/trust-policy.json' });
const rules = args.rule.length ? ALL_RULES.filter((r) => args.rule.includes(r.id)) : ALL_RULES.filter((r) => config.rules[r.id] !== 'off');

/**
 * Median of `measure(setup())` in ms: warm-up runs for about half the budget (at least two; the
 * JIT settles anew when the document's size changes), then at least 5 samples and as many as fit
 * in about `budgetMs` of measured time (setup is not counted).
 */
function median(setup, measure, budgetMs) {
  const warm = performance.now() + budgetMs / 2;
  for (let i = 0; i < 2 || performance.now() < warm; i++) measure(setup());
  const samples = [];
  let spent = 0;
  while (samples.length < 5 || (spent < budgetMs && samples.length < 500)) {
    const state = setup();
    const t0 = performance.now();
    measure(state);
    const t = performance.now() - t0;
    samples.push(t);
    spent += t;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function runRules(doc, selected) {
  let findings = 0;
  for (const source of doc.policies) {
    for (const rule of selected) {
      rule.check({ policy: source.policy, source, config, text: doc.text, report: () => findings++ });
    }
  }
  return findings;
}

// Warm up the engine (the JIT) on a mid-size document first, so the first size measured is not
// also measuring compilation.
{
  const text = policyText(100);
  const deadline = performance.now() + 500;
  while (performance.now() < deadline) runRules(analyseDocument(input(text), config), rules);
}

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const ratio = (ms, base) => `${(ms / base).toFixed(1)}x`;

for (const n of sizes) {
  const text = policyText(n);
  const budget = n >= 1000 ? 150 : 60;
  const fresh = () => analyseDocument(input(text), config);
  const parse = median(() => text, (t) => jsonc.parseTree(t, []), budget);
  const analyse = median(() => text, (t) => analyseDocument(input(t), config), budget);
  const allRules = median(fresh, (doc) => runRules(doc, rules), budget * 2);
  console.log(`\n## ${n} statements, ${text.length} chars`);
  console.log(`jsonc-parser parse:          ${fmt(parse)}`);
  console.log(`analyseDocument:             ${fmt(analyse)} (${ratio(analyse, parse)} parse)`);
  console.log(`all ${rules.length} rules on one document: ${fmt(allRules)} (${ratio(allRules, parse)} parse)`);
  console.log(`analysis in total:           ${fmt(analyse + allRules)} (${ratio(analyse + allRules, parse)} parse)`);
  const perRule = rules.map((rule) => ({ id: rule.id, ms: median(fresh, (doc) => runRules(doc, [rule]), budget / 3) }));
  perRule.sort((a, b) => b.ms - a.ms);
  const sum = perRule.reduce((s, r) => s + r.ms, 0);
  console.log(`each rule alone (sum ${fmt(sum)}), top ${Math.min(top, perRule.length)}:`);
  console.log('rule | time | share of the sum | x parse');
  for (const r of perRule.slice(0, top)) console.log(`${r.id} | ${fmt(r.ms)} | ${((100 * r.ms) / sum).toFixed(1)}% | ${ratio(r.ms, parse)}`);
}
