import { Rule } from './types';
import { actionList, POD_IDENTITY, reportMissingActions } from './serviceGuards';

/**
 * EKS Pod Identity without sts:TagSession (trust-checks.md, G). Amazon EKS User Guide,
 * "Create IAM role with trust policy required by EKS Pod Identity" (pod-id-role): the service
 * calls AssumeRole with session tags (eks-cluster-arn, kubernetes-namespace,
 * kubernetes-service-account, ...), so the trust policy must allow sts:AssumeRole and
 * sts:TagSession.
 */
export const rule: Rule = {
  id: 'pod-identity-tag-session',
  group: 'G',
  defaultSeverity: 'error',
  description: '`pods.eks.amazonaws.com` without `sts:TagSession`: every assume fails.',
  check(context) {
    reportMissingActions(context, POD_IDENTITY, ['AssumeRole', 'TagSession'], (missing) =>
      `EKS Pod Identity assumes this role with session tags (cluster, namespace, service account), so STS refuses it unless the trust policy allows ${actionList(['AssumeRole', 'TagSession'])}: without ${actionList(missing)}, every pod that uses this role fails to get credentials. Add ${actionList(missing)} to Action.`,
    );
  },
};
