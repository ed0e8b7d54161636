import { Rule } from './types';
import { accountOfConditionValue, accountOfValue, classifyAccount, conditionValues } from '../model/zoneOfTrust';

/**
 * Documentation account ids (`exampleAccountIds`, trust-checks.md, C) in a principal or a
 * condition: copied from an example and never replaced. Ids the user lists as own or partner
 * accounts are theirs, whatever the example list says.
 */
export const rule: Rule = {
  id: 'principal-example-account',
  group: 'C',
  defaultSeverity: 'warning',
  description: 'A documentation account id (123456789012, 111122223333, ...) in a principal or condition.',
  check({ policy, config, report }) {
    const isExample = (account: string | undefined): account is string => account !== undefined && classifyAccount(account, config) === 'example';
    for (const s of policy.statements) {
      for (const p of s.principals) {
        const account = p.value === undefined ? undefined : accountOfValue(p.value);
        if (!isExample(account)) continue;
        report({
          span: p.node.span,
          message:
            `${account} is an example account id from the AWS documentation, not one of your accounts: this principal does not trust the account you meant (and trusts whoever owns that id, if anyone does). ` +
            'Replace it with the real account id. If it really is yours, list it in "ownAccountIds" in .iam-trust.json.',
        });
      }
      for (const c of s.conditions) {
        for (const v of conditionValues(c)) {
          const account = v.text === undefined ? undefined : accountOfConditionValue(c.key, v.text);
          if (!isExample(account)) continue;
          report({
            span: v.node.span,
            message: `${c.key} names ${account}, an example account id from the AWS documentation: the condition does not match your real callers. Replace it with the real account id.`,
          });
        }
      }
    }
  },
};
