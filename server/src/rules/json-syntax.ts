import { Rule } from './types';

export const rule: Rule = {
  id: 'json-syntax',
  group: 'A',
  defaultSeverity: 'error',
  description: 'The document, or a policy string embedded in a template, does not parse.',
  check({ source, report }) {
    // A policy in JSON must be valid JSON for IAM; in YAML or HCL the template itself is broken.
    const consequence =
      source.format === 'yaml' || source.format === 'hcl'
        ? 'the template cannot be deployed until it is fixed.'
        : 'IAM rejects a policy that is not valid JSON.';
    for (const p of source.syntaxProblems) {
      report({ span: p.span, message: `${p.message}: ${consequence}` });
    }
  },
};
