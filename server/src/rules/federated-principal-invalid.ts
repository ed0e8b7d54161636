import { Rule } from './types';
import { parseFederatedPrincipal, WEB_IDENTITY_PROVIDERS } from '../aws/principals';
import { lookupServicePrincipal } from '../aws/services';
import { hasPartialWildcard, literalPrincipals, replaceStringValue } from './trustPrincipals';

/**
 * `Federated` principals (trust-checks.md, B): `cognito-identity.amazonaws.com`,
 * `accounts.google.com`, `graph.facebook.com`, `www.amazon.com`, or the ARN of an IAM identity
 * provider: `oidc-provider/<host[/path]>` (the issuer URL without `https://`) or
 * `saml-provider/<name>`.
 */
const FORMS =
  `A "Federated" principal is one of ${WEB_IDENTITY_PROVIDERS.join(', ')}, or the ARN of an IAM identity provider: ` +
  'arn:aws:iam::<account>:oidc-provider/<issuer host and path> or arn:aws:iam::<account>:saml-provider/<name>.';

export const rule: Rule = {
  id: 'federated-principal-invalid',
  group: 'B',
  defaultSeverity: 'error',
  description: 'A `Federated` value that is not one of the four web identity providers or an IAM OIDC/SAML provider ARN.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      for (const p of literalPrincipals(statement, 'Federated')) {
        if (hasPartialWildcard(p.value)) continue;
        if (p.value === '*') {
          report({ span: p.node.span, message: `IAM accepts no wildcard identity provider. ${FORMS}` });
          continue;
        }
        const parsed = parseFederatedPrincipal(p.value);
        if (parsed.kind !== 'invalid') continue;
        if (lookupServicePrincipal(p.value).kind === 'known') {
          report({ span: p.node.span, message: `"${p.value}" is an AWS service, not an identity provider: move it under "Service".` });
          continue;
        }
        const concrete = parsed.suggestion && !parsed.suggestion.includes('<') ? parsed.suggestion : undefined;
        const edit = concrete && replaceStringValue(text, p.node, concrete);
        report({
          span: p.node.span,
          message:
            `"${p.value}" is not an identity provider IAM accepts ("Invalid principal in policy"): ${parsed.problem}. ` +
            (parsed.suggestion ? `Write "${parsed.suggestion}". ` : '') +
            FORMS,
          fixes: edit ? [{ title: `Write "${concrete}"`, preferred: true, edits: [edit] }] : undefined,
        });
      }
    }
  },
};
