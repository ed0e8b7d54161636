import { CompletionItemKind, InsertTextMode } from 'vscode-languageserver-types';
import { Statement } from '../model/policy';
import { Suggestion } from './completionCatalogue';
import { Site, Writer } from './completionSite';
import type { Segment } from './cursor';
import { ELEMENT_DOCS } from './explain';
import type { PolicyDocumentBlock, PolicyDocumentSite } from './hclCursor';
import { hclString } from './snippetValue';

/**
 * Completion in `data "aws_iam_policy_document"`: the AWS provider's names for the policy
 * elements (`effect`, `actions`, `principals { type identifiers }`, `condition { test variable
 * values }`), and their values, which are the policy's own (trust actions, principal types and
 * values, operators, condition keys and values). A value place is mapped onto the JSON policy the
 * provider renders (`identifiers` of an AWS `principals` block is `Principal.AWS`), so the
 * catalogue answers it as it does in JSON.
 */

interface NameEntry {
  name: string;
  /** The HCL text after the name, with tab stops; `{}` marks a block. */
  after: (column: number) => string;
  documentation: string;
  /** Blocks may repeat; an attribute is offered only once. */
  block?: boolean;
}

const pad = (n: number) => ' '.repeat(n);

function aligned(column: number, pairs: [string, string][]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${pad(column + 2)}${k.padEnd(width)} = ${v}`).join('\n');
}

function entries(block: PolicyDocumentBlock, actions: string): NameEntry[] {
  switch (block) {
    case 'data':
      return [
        { name: 'statement', block: true, after: (c) => ` {\n${pad(c + 2)}$0\n${pad(c)}}`, documentation: ELEMENT_DOCS.Statement },
        { name: 'version', after: () => ' = "2012-10-17"', documentation: ELEMENT_DOCS.Version },
      ];
    case 'statement':
      return [
        { name: 'effect', after: () => ' = "${1|Allow,Deny|}"', documentation: `${ELEMENT_DOCS.Effect}\n\nThe provider writes \`Allow\` when it is left out.` },
        { name: 'principals', block: true, after: (c) => ` {\n${aligned(c, [['type', '"${1|AWS,Service,Federated|}"'], ['identifiers', '["$2"]']])}\n${pad(c)}}`, documentation: ELEMENT_DOCS.Principal },
        { name: 'actions', after: () => ` = ["${actions}"]`, documentation: ELEMENT_DOCS.Action },
        {
          name: 'condition',
          block: true,
          after: (c) => ` {\n${aligned(c, [['test', '"${1:StringEquals}"'], ['variable', '"$2"'], ['values', '["$3"]']])}\n${pad(c)}}`,
          documentation: ELEMENT_DOCS.Condition,
        },
        { name: 'sid', after: () => ' = "$1"', documentation: ELEMENT_DOCS.Sid },
        { name: 'not_actions', after: () => ' = ["$1"]', documentation: ELEMENT_DOCS.NotAction },
      ];
    case 'principals':
    case 'not_principals':
      return [
        { name: 'type', after: () => ' = "${1|AWS,Service,Federated|}"', documentation: 'The principal type: `AWS` (accounts, roles, users), `Service` (an AWS service) or `Federated` (an identity provider).' },
        { name: 'identifiers', after: () => ' = ["$1"]', documentation: 'The principals of this type: ARNs for `AWS`, service principals for `Service`, the identity provider for `Federated`.' },
      ];
    case 'condition':
      return [
        { name: 'test', after: () => ' = "${1:StringEquals}"', documentation: 'The condition operator (`StringEquals`, `StringLike`, `ArnLike`, `Bool`...).' },
        { name: 'variable', after: () => ' = "$1"', documentation: 'The condition key the request must carry (`aws:PrincipalOrgID`, `sts:ExternalId`, a provider claim...).' },
        { name: 'values', after: () => ' = ["$1"]', documentation: 'The values the key is compared with; any one of them matches.' },
      ];
  }
}

/** Attribute and block names where a line of a policy document block starts. */
export function nameSuggestions(site: PolicyDocumentSite, actions: string): Suggestion[] {
  const block = site.blocks[site.blocks.length - 1];
  const present = new Set(site.names);
  // `actions` and `not_actions` exclude each other, as Action and NotAction do.
  const actionTaken = present.has('actions') || present.has('not_actions');
  return entries(block, actions)
    .filter((e) => e.block || !present.has(e.name))
    .filter((e) => !(actionTaken && (e.name === 'actions' || e.name === 'not_actions')))
    .map((e, i) => ({
      label: e.name,
      kind: e.block ? CompletionItemKind.Module : CompletionItemKind.Property,
      snippet: site.followedBySeparator ? e.name : e.name + e.after(site.column),
      documentation: e.documentation,
      rank: e.name === 'not_actions' ? 1 : 0,
      preselect: i === 0,
      raw: true,
    }));
}

const LIST_ATTRIBUTES = ['actions', 'not_actions', 'identifiers', 'values'];

/** Values of a document block's attributes: strings, written in a list where the attribute is one. */
export function blockValueWriter(site: PolicyDocumentSite): Writer {
  const wrap = site.attribute !== undefined && LIST_ATTRIBUTES.includes(site.attribute) && !site.inList;
  const space = site.afterSeparator ? ' ' : '';
  const value = (snippet: string) => ({ text: space + (wrap ? `[${hclString(snippet)}]` : hclString(snippet)) });
  return {
    // A key of the rendered policy (an operator, a condition key, a principal type) is a string value here.
    key: (name) => value(name),
    value,
    structure: (_value, json) => (site.kind === 'name' ? { text: json } : undefined),
    filterText: (label) => (site.quoted ? '"' : '') + label,
    insertTextMode: InsertTextMode.asIs,
  };
}

/** Where a value of a document block sits in the policy the provider renders; undefined where nothing is offered. */
function policyPlace(site: PolicyDocumentSite): { kind: 'key' | 'value'; path: Segment[] } | undefined {
  const block = site.blocks[site.blocks.length - 1];
  const statement: Segment[] = ['Statement', 0];
  const { attribute, attributes } = site;
  switch (`${block}.${attribute}`) {
    case 'data.version':
      return { kind: 'value', path: ['Version'] };
    case 'statement.effect':
      return { kind: 'value', path: [...statement, 'Effect'] };
    case 'statement.actions':
    case 'statement.not_actions':
      return { kind: 'value', path: [...statement, 'Action', 0] };
    case 'principals.type':
    case 'not_principals.type':
      return { kind: 'key', path: [...statement, 'Principal'] };
    case 'principals.identifiers':
    case 'not_principals.identifiers':
      return attributes.type ? { kind: 'value', path: [...statement, 'Principal', attributes.type, 0] } : undefined;
    case 'condition.test':
      return { kind: 'key', path: [...statement, 'Condition'] };
    case 'condition.variable':
      return { kind: 'key', path: [...statement, 'Condition', attributes.test ?? 'StringEquals'] };
    case 'condition.values':
      return attributes.variable ? { kind: 'value', path: [...statement, 'Condition', attributes.test ?? 'StringEquals', attributes.variable, 0] } : undefined;
    default:
      return undefined;
  }
}

export function policyDocumentSite(site: PolicyDocumentSite, statement: Statement | undefined, actions: string): Site | undefined {
  const base = { replace: site.replace, present: [], listed: site.listed, statement, writer: blockValueWriter(site) };
  if (site.kind === 'name') return { ...base, kind: 'key', path: [], suggest: () => nameSuggestions(site, actions) };
  const place = policyPlace(site);
  return place && { ...base, ...place };
}
