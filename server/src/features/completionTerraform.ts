import { TrustConfig } from '../config';
import { parseJsonTemplate } from '../formats/template';
import { buildStatement } from '../model/policy';
import { actionChoice } from './completionCatalogue';
import { jsonSite } from './completionJson';
import { policyDocumentSite } from './completionPolicyDocument';
import { hclWriter, Site } from './completionSite';
import { locateJsonCursor } from './cursor';
import { locateTerraformSite } from './hclCursor';

/**
 * Completion sites in Terraform: `assume_role_policy` of an `aws_iam_role` (jsonencode in HCL
 * object syntax; a heredoc or quoted string of JSON, completed as JSON) and
 * `data "aws_iam_policy_document"` blocks. Undefined before the HCL parser has loaded.
 */
export function terraformSites(text: string, offset: number, _config: TrustConfig): Site[] {
  const found = locateTerraformSite(text, offset);
  if (!found) return [];
  switch (found.mode) {
    case 'jsonencode':
      return [
        {
          kind: found.kind,
          path: found.path,
          replace: found.replace,
          present: found.present,
          listed: found.listed,
          policy: found.root,
          writer: hclWriter(found),
        },
      ];
    case 'heredoc':
    case 'string': {
      // JSON inside the heredoc or the string, which Terraform templates: `${...}` is allowed.
      const cursor = locateJsonCursor(found.json, found.offset);
      if (!cursor) return [];
      const root = parseJsonTemplate(found.json).root;
      return [jsonSite(cursor, root, 0, found.sourceOffset, found.mode === 'string')];
    }
    case 'policy-document': {
      if (!found.trust) return [];
      const statement = found.statement && buildStatement(found.statement, 0);
      const site = policyDocumentSite(found, statement, actionChoice(statement));
      return site ? [site] : [];
    }
  }
}
