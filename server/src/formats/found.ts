import type { PolicyFormat, RoleFacts } from '../documents';
import { Node, Span } from '../model/ast';
import { SyntaxProblem } from '../parser/json';

/**
 * A trust policy a format adapter found in a file, before the dispatcher (documents.ts) builds
 * its typed model.
 */
export interface FoundPolicy {
  format: PolicyFormat;
  root: Node;
  /** Syntax problems that belong to this policy (its own embedded JSON, or its resource's). */
  problems: SyntaxProblem[];
  role?: RoleFacts;
  /** Further roles that share this policy (a Terraform policy document used by several roles). */
  moreRoles?: RoleFacts[];
  /**
   * The declaration that holds the policy (the CloudFormation resource, the Terraform block):
   * syntax problems of the surrounding file inside it are shown with this policy.
   */
  scope: Span;
}

/** What an adapter found in a file, and the syntax problems of the whole file. */
export interface FoundPolicies {
  policies: FoundPolicy[];
  problems: SyntaxProblem[];
}
