import { Rule, Fix, TextEdit } from './types';
import { Node } from '../model/ast';
import { ConditionEntry, parseOperator, Statement } from '../model/policy';
import { isJson } from './grammar';
import { blockEntries, claimKey, conditionsUnreadable, operatorBlock, renameBlockFix, requiringConditions, trustsOf } from './federation';
import { removeProperty } from './trustPrincipals';
import { addConditionEdit } from './jsonEdits';

/**
 * Amazon Cognito's `amr` claim (trust-checks.md, F). It lists `authenticated` or
 * `unauthenticated` and the login providers used: a multi-valued key, which the Cognito guide
 * compares with `ForAnyValue:StringLike` (Amazon Cognito Developer Guide, "IAM roles"; IAM User
 * Guide, "Single-valued vs. multivalued context keys"). With no `:amr` condition, the guest
 * (unauthenticated) identities of the pool can assume a role meant for signed-in users.
 */
export const rule: Rule = {
  id: 'cognito-amr',
  group: 'F',
  defaultSeverity: 'warning',
  description: '`cognito-identity.amazonaws.com:amr` compared without `ForAnyValue:` (it is multi-valued), or not checked at all: authenticated and guest identities are not told apart.',
  check({ policy, source, text, report }) {
    for (const trust of trustsOf(policy, 'cognito-identity')) {
      const key = claimKey(trust, 'amr');
      const conditions = requiringConditions(trust, 'amr');
      if (conditions.length === 0) {
        if (conditionsUnreadable(trust.statement)) continue;
        const fixes = isJson(source)
          ? (['authenticated', 'unauthenticated'] as const)
              .map((amr): Fix | undefined => {
                const edit = addConditionEdit(text, trust.statement, 'ForAnyValue:StringLike', key, amr);
                return edit && { title: `Admit only ${amr} identities`, edits: [edit] };
              })
              .filter((f): f is Fix => f !== undefined)
          : undefined;
        report({
          span: trust.principal.node.span,
          message:
            `Both signed-in and guest (unauthenticated) identities of the pool can assume this role: nothing checks "${key}". ` +
            `Add "ForAnyValue:StringLike": {"${key}": "authenticated"} for the signed-in users' role, or "unauthenticated" for the guest role.`,
          fixes,
        });
        continue;
      }
      for (const c of conditions) {
        const op = parseOperator(c.operator);
        if (op.setPrefix === 'ForAnyValue') continue;
        const like = `ForAnyValue:${op.base}${op.ifExists ? 'IfExists' : ''}`;
        report({
          span: c.keySpan,
          message:
            `"${c.key}" holds several values (authenticated or unauthenticated, and the login providers used), so compare it with "${like}", as the Amazon Cognito guide does. ` +
            (op.setPrefix === 'ForAllValues'
              ? 'ForAllValues: requires every value to match, which a signed-in identity\'s provider entries never do, and it holds when the key is absent.'
              : `A single-valued operator on a multi-valued key does not compare it as intended (IAM User Guide, multivalued context keys).`),
          fixes: setOperatorFix(text, trust.statement, c, like, isJson(source)),
        });
      }
    }
  },
};

/**
 * Renames the block when it holds only this key; otherwise moves the key into a block of the new
 * operator (JSON only): renaming would change how the block's other keys compare.
 */
function setOperatorFix(text: string, statement: Statement, c: ConditionEntry, operator: string, json: boolean): Fix[] | undefined {
  const title = `Compare it with "${operator}"`;
  if (blockEntries(statement, c).length === 1) {
    const fix = renameBlockFix(text, statement, c, operator, title);
    return fix && [fix];
  }
  const block = operatorBlock(statement, c);
  const property = block?.value?.kind === 'object' ? block.value.properties.find((p) => p.keySpan.offset === c.keySpan.offset) : undefined;
  if (!json || !block || block.value?.kind !== 'object' || !property?.value) return undefined;
  const values = literalStrings(property.value);
  const add = values && addConditionEdit(text, statement, operator, c.key, values);
  if (!add) return undefined;
  const edits: TextEdit[] = [removeProperty(block.value, property), add];
  return [{ title, preferred: true, edits }];
}

/** The value as the fix writes it again: a string or a list of strings; undefined for anything else. */
function literalStrings(node: Node): string | string[] | undefined {
  if (node.kind === 'string') return node.value;
  if (node.kind !== 'array') return undefined;
  const values = node.items.map((item) => (item.kind === 'string' ? item.value : undefined));
  return values.every((v): v is string => v !== undefined) ? values : undefined;
}
