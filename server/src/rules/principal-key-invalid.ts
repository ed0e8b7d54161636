import { Rule } from './types';
import { closest } from '../util/closest';
import { PRINCIPAL_TYPES } from './trustPrincipals';
import { isJson, replaceWord } from './grammar';

/**
 * A role trust policy trusts AWS principals, services and identity providers, under the keys
 * `AWS`, `Service` and `Federated` (trust-checks.md, B). `CanonicalUser` is an S3 notion that IAM
 * refuses here; anything else is a typo. Other rules read the exact spelling, so `aws` or
 * `service` is reported too, more softly: whether IAM itself folds the case is unconfirmed.
 */
export const rule: Rule = {
  id: 'principal-key-invalid',
  group: 'B',
  defaultSeverity: 'error',
  description: 'A principal type other than `AWS`, `Service` or `Federated`.',
  check({ policy, source, text, report }) {
    for (const statement of policy.statements) {
      const principal = statement.principalProperty?.value;
      if (principal?.kind !== 'object') continue;
      for (const property of principal.properties) {
        const key = property.key;
        if ((PRINCIPAL_TYPES as readonly string[]).includes(key)) continue;
        const sameWord = PRINCIPAL_TYPES.find((t) => t.toLowerCase() === key.toLowerCase());
        const fixTo = (word: string) => (isJson(source) ? [{ title: `Write "${word}"`, preferred: true, edits: [replaceWord(text, property.keySpan, word)] }] : undefined);
        if (sameWord) {
          report({
            span: property.keySpan,
            severity: 'warning',
            message: `Write "${sameWord}" exactly as IAM spells it: principal types are case-sensitive in the policy grammar, and "${key}" may be refused or not read as ${sameWord} principals.`,
            fixes: fixTo(sameWord),
          });
        } else if (key === 'CanonicalUser') {
          report({
            span: property.keySpan,
            message:
              '"CanonicalUser" names an S3 canonical user id; it does not belong in a role trust policy and IAM rejects it. ' +
              'Trust the account instead: {"AWS": "<12-digit account id>"}.',
          });
        } else {
          const near = closest(key, PRINCIPAL_TYPES);
          report({
            span: property.keySpan,
            message:
              `"${key}" is not a principal type: a trust policy accepts "AWS" (accounts, roles, users), "Service" (AWS services) and "Federated" (identity providers), and IAM rejects the policy.` +
              (near ? ` Did you mean "${near}"?` : ''),
            fixes: near ? fixTo(near) : undefined,
          });
        }
      }
    }
  },
};
