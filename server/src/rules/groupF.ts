import { Rule } from './types';
import { rule as oidcNoCondition } from './oidc-no-condition';
import { rule as oidcSubMissing } from './oidc-sub-missing';
import { rule as oidcSubBroad } from './oidc-sub-broad';
import { rule as oidcSubMalformed } from './oidc-sub-malformed';
import { rule as oidcAud } from './oidc-aud';
import { rule as eksIrsaSub } from './eks-irsa-sub';
import { rule as cognitoAud } from './cognito-aud';
import { rule as cognitoAmr } from './cognito-amr';
import { rule as samlAud } from './saml-aud';

/** Group F of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_F: Rule[] = [oidcNoCondition, oidcSubMissing, oidcSubBroad, oidcSubMalformed, oidcAud, eksIrsaSub, cognitoAud, cognitoAmr, samlAud];
