import { Rule } from './types';

export const rule: Rule = {
  id: 'json-syntax',
  group: 'A',
  defaultSeverity: 'error',
  description: 'The document, or a policy string embedded in a template, does not parse.',
  check({ source, report }) {
    for (const p of source.syntaxProblems) {
      report({ span: p.span, message: `${p.message}: IAM rejects a policy that is not valid JSON.` });
    }
  },
};
