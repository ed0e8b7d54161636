import { Rule } from './types';
import { classifyAction } from '../aws/stsActions';
import { parseFederatedPrincipal } from '../aws/principals';
import { federatedKinds, hasPartialWildcard, literalPrincipals, principalsMayBeUnknown, replaceStringValue } from './trustPrincipals';
import { Statement } from '../model/policy';

/**
 * Each principal kind reaches a role through its own STS call (trust-checks.md, B): SAML
 * providers with AssumeRoleWithSAML, OIDC and web identity providers with
 * AssumeRoleWithWebIdentity, accounts, roles, users and services with AssumeRole. An action the
 * statement's principals never call grants nothing, and the call they do make is not allowed.
 */

interface PrincipalKinds {
  saml: boolean;
  webIdentity: boolean;
  /** AWS or Service principals, which call AssumeRole. */
  direct: boolean;
}

/** Undefined when a principal is unknown or malformed: the statement cannot be judged. */
function kindsOf(statement: Statement): PrincipalKinds | undefined {
  if (!statement.principalProperty || principalsMayBeUnknown(statement)) return undefined;
  const principals = literalPrincipals(statement);
  if (principals.some((p) => hasPartialWildcard(p.value))) return undefined;
  const federated = principals.filter((p) => p.type === 'Federated');
  if (federated.some((p) => p.value === '*' || parseFederatedPrincipal(p.value).kind === 'invalid')) return undefined;
  const { saml, webIdentity } = federatedKinds(statement);
  return { saml, webIdentity, direct: principals.some((p) => p.type !== 'Federated') };
}

function expectedFor({ direct, saml, webIdentity }: PrincipalKinds): string | undefined {
  if (direct && !saml && !webIdentity) return 'sts:AssumeRole';
  if (saml && !direct && !webIdentity) return 'sts:AssumeRoleWithSAML';
  if (webIdentity && !direct && !saml) return 'sts:AssumeRoleWithWebIdentity';
  return undefined;
}

function problem(action: string, kinds: PrincipalKinds): string | undefined {
  if (action === 'AssumeRoleWithSAML' && !kinds.saml) {
    return 'sts:AssumeRoleWithSAML is the call of a SAML provider, but this statement trusts no saml-provider ARN, so it grants nothing.';
  }
  if (action === 'AssumeRoleWithWebIdentity' && !kinds.webIdentity) {
    return 'sts:AssumeRoleWithWebIdentity is the call of an OIDC or web identity provider, but this statement trusts no oidc-provider ARN or web identity provider, so it grants nothing.';
  }
  if (action === 'AssumeRole' && !kinds.direct && (kinds.saml || kinds.webIdentity)) {
    return 'Identity providers never call sts:AssumeRole: their users assume the role with ' +
      (kinds.saml && kinds.webIdentity ? 'AssumeRoleWithSAML or AssumeRoleWithWebIdentity' : kinds.saml ? 'AssumeRoleWithSAML' : 'AssumeRoleWithWebIdentity') +
      ', which this statement does not allow, so nobody can assume the role through it.';
  }
  return undefined;
}

export const rule: Rule = {
  id: 'action-principal-mismatch',
  group: 'B',
  defaultSeverity: 'error',
  description: '`AssumeRoleWithSAML` without a SAML provider, `AssumeRoleWithWebIdentity` without an OIDC/web identity provider, or plain `AssumeRole` for a Federated principal.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      const kinds = kindsOf(statement);
      if (!kinds) continue;
      const expected = expectedFor(kinds);
      for (const action of statement.actions) {
        if (action.value === undefined) continue;
        const meaning = classifyAction(action.value);
        if (meaning.kind !== 'trust') continue;
        const why = problem(meaning.name, kinds);
        if (!why) continue;
        const edit = expected && replaceStringValue(text, action.node, expected);
        report({
          span: action.node.span,
          message: why + (expected ? ` Write "${expected}".` : ''),
          fixes: edit ? [{ title: `Write "${expected}"`, preferred: true, edits: [edit] }] : undefined,
        });
      }
    }
  },
};
