import { Rule } from './types';
import { classifyAction } from '../aws/stsActions';
import { federatedKinds, literalPrincipals } from './trustPrincipals';
import { Statement } from '../model/policy';

/**
 * `sts:*` or `*` in a trust policy (trust-checks.md, B): beyond the assume call the principal
 * needs, it silently grants TagSession, SetSourceIdentity, SetContext and the federated variants,
 * which let the caller set session tags and identities that other policies may rely on.
 */

/** The assume calls the statement's literal principals make. */
function neededActions(statement: Statement): string[] {
  const { saml, webIdentity } = federatedKinds(statement);
  const needed: string[] = [];
  if (literalPrincipals(statement).some((p) => p.type !== 'Federated')) needed.push('AssumeRole');
  if (saml) needed.push('AssumeRoleWithSAML');
  if (webIdentity) needed.push('AssumeRoleWithWebIdentity');
  return needed;
}

export const rule: Rule = {
  id: 'action-wildcard',
  group: 'B',
  defaultSeverity: 'warning',
  description: '`sts:*` or `*`: also grants TagSession, SetSourceIdentity, SetContext and the federated assume calls.',
  check({ policy, report }) {
    for (const statement of policy.statements) {
      const needed = neededActions(statement);
      for (const action of statement.actions) {
        if (action.value === undefined) continue;
        const meaning = classifyAction(action.value);
        if (meaning.kind !== 'wildcard' || meaning.grants.length === 0) continue;
        const extra = meaning.grants.filter((a) => !needed.includes(a));
        const used = meaning.grants.filter((a) => needed.includes(a));
        const list = (actions: string[]) => actions.map((a) => `sts:${a}`).join(', ');
        const write = (needed.length ? needed : ['AssumeRole']).map((a) => `"sts:${a}"`).join(', ');
        if (extra.length === 0) {
          report({
            span: action.node.span,
            severity: 'hint',
            message: `"${action.value}" matches only what these principals use (${list(used)}); write ${write} so that an STS action added later is not granted silently.`,
          });
          continue;
        }
        report({
          span: action.node.span,
          message:
            (used.length
              ? `"${action.value}" allows ${list(used)}, which these principals use, but also ${list(extra)}. `
              : `"${action.value}" allows ${list(meaning.grants)}. `) +
            'Session tags, source identity and context set through those calls can change what other policies allow. ' +
            `List the actions instead: ${write}, plus sts:TagSession or sts:SetSourceIdentity only where the caller must set them.`,
        });
      }
    }
  },
};
