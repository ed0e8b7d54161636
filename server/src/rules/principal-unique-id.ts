import { Rule } from './types';
import { parseAwsPrincipal } from '../aws/principals';
import { literalPrincipals } from './trustPrincipals';

/**
 * IAM stores a trusted role or user as its unique id and shows that id (`AROA...` for a role,
 * `AIDA...` for a user) once the principal is deleted (trust-checks.md, "Limits worth knowing").
 * A new principal of the same name has a new id, so the old trust does not come back.
 */
export const rule: Rule = {
  id: 'principal-unique-id',
  group: 'B',
  defaultSeverity: 'warning',
  description: 'An `AROA...`/`AIDA...` unique id: the trusted principal was deleted.',
  check({ policy, report }) {
    for (const statement of policy.statements) {
      for (const p of literalPrincipals(statement, 'AWS')) {
        if (parseAwsPrincipal(p.value).kind !== 'unique-id') continue;
        const what = p.value.startsWith('AROA') ? 'role' : 'user';
        report({
          span: p.node.span,
          message:
            `"${p.value}" is the unique id of an IAM ${what} that has been deleted: IAM shows a deleted principal this way. ` +
            `Nobody can use this entry, and recreating a ${what} with the same name does not restore the trust. ` +
            `Replace it with the ARN of the ${what} that should be trusted now, or remove it.`,
        });
      }
    }
  },
};
