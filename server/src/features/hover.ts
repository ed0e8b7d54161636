import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Node, spanEnd } from '../model/ast';
import { ConditionEntry, Statement, TrustPolicy } from '../model/policy';
import { statementName } from '../model/zoneOfTrust';
import { TrustConfig } from '../config';
import { analyseDocumentAsync, PolicySource } from '../documents';
import { trustPolicyLength } from '../rules/size-quota';
import { classifyAction } from '../aws/stsActions';
import { lookupConditionKey } from '../aws/conditionKeys';
import { describeOperator, lookupOperator } from '../aws/conditionOperators';
import { canonicalElement, classifyPosition, featureInput, locateInTree, nodeAtPath, POLICY_ELEMENTS, PolicyPosition, STATEMENT_ELEMENTS, TreeTarget } from './cursor';
import {
  deployTimeText,
  EFFECT_DOCS,
  ELEMENT_DOCS,
  explainPrincipal,
  PRINCIPAL_TYPE_DOCS,
  requirementText,
  statementsByEffect,
  TRUST_ACTION_DOCS,
  UNDECIDED_EFFECT_HEADINGS,
  UNDECIDED_EFFECTS,
  VERSION_DOCS,
} from './explain';
import { conditionKeyDocs } from './completionCatalogue';

/**
 * Hover: what the element under the cursor means for who can assume the role, from the neutral
 * tree of whatever format the policy is written in (JSON, CloudFormation, Terraform). Asynchronous
 * only because the first Terraform document waits for its parser to load.
 */

export async function provideHover(document: TextDocument, position: Position, config: TrustConfig): Promise<Hover | null> {
  const input = featureInput(document);
  if (!input) return null;
  const offset = document.offsetAt(position);
  const analysed = await analyseDocumentAsync(input, config);
  const source = innermostSource(analysed?.policies ?? [], offset);
  if (!source) return null;
  const target = locateInTree(source.root, offset);
  if (!target) return null;
  const markdown = describeTarget(target, source, config);
  if (!markdown) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: { start: document.positionAt(target.span.offset), end: document.positionAt(spanEnd(target.span)) },
  };
}

function innermostSource(sources: PolicySource[], offset: number): PolicySource | undefined {
  return sources
    .filter((s) => offset >= s.root.span.offset && offset < spanEnd(s.root.span))
    .sort((a, b) => a.root.span.length - b.root.span.length)[0];
}

function describeTarget(target: TreeTarget, source: PolicySource, config: TrustConfig): string | undefined {
  const isKey = target.property !== undefined;
  const place = classifyPosition(target.path, isKey);
  if (!place) return target.node?.kind === 'unknown' ? `This value is ${deployTimeText(target.node)}.` : undefined;
  const statement = statementOf(source, place);
  if (isKey) return describeKey(target.property!.key, place, source, statement, config);
  const node = target.node!;
  if (node.kind === 'unknown' && place.role !== 'principal-value' && place.role !== 'statement-value') {
    return `This value is ${deployTimeText(node)}: IAM Trust cannot say what it means until it is deployed.`;
  }
  return describeValue(node, place, source, statement, config);
}

function statementOf(source: PolicySource, place: PolicyPosition): Statement | undefined {
  if (!('statementPath' in place)) return undefined;
  const node = nodeAtPath(source.root, place.statementPath);
  return source.policy.statements.find((s) => s.node === node);
}

function describeKey(key: string, place: PolicyPosition, source: PolicySource, statement: Statement | undefined, config: TrustConfig): string | undefined {
  switch (place.role) {
    case 'policy-key': {
      const element = canonicalElement(key, POLICY_ELEMENTS);
      if (!element) return `\`${key}\` is not an element of a policy: IAM knows ${POLICY_ELEMENTS.map((e) => `\`${e}\``).join(', ')}.`;
      return element === 'Id' ? `**Id**\n\n${ELEMENT_DOCS.Id}` : policySummary(source, config);
    }
    case 'statement-key': {
      const element = canonicalElement(key, STATEMENT_ELEMENTS);
      if (!element) return `\`${key}\` is not a statement element: IAM knows ${STATEMENT_ELEMENTS.map((e) => `\`${e}\``).join(', ')}.`;
      return `**${element}**\n\n${ELEMENT_DOCS[element]}`;
    }
    case 'principal-key': {
      const doc = PRINCIPAL_TYPE_DOCS[key];
      return doc ? `**Principal type ${key}**\n\n${doc}` : `\`${key}\` is not a principal type of a role trust policy: use \`AWS\`, \`Service\` or \`Federated\`.`;
    }
    case 'condition-operator':
      return describeOperatorHover(key);
    case 'condition-key':
      return describeConditionKey(key, statement?.conditions.find((c) => c.key === key && c.operator === place.operator));
    default:
      return undefined;
  }
}

function describeOperatorHover(operator: string): string {
  const info = lookupOperator(operator);
  if (!info) return `\`${operator}\` is not an IAM condition operator: IAM rejects the policy.`;
  return `**${operator}** (condition operator)\n\n${describeOperator(info)}`;
}

function describeConditionKey(key: string, entry: ConditionEntry | undefined): string {
  const info = lookupConditionKey(key);
  const head = info ? `**${key}** (condition key)\n\n${conditionKeyDocs(info)}` : `**${key}**\n\nIAM Trust does not know this condition key: it is not a global key, an STS key or a claim of a known identity provider. A key the request never carries makes the condition false (unless the operator ends in \`IfExists\`).`;
  return entry ? `${head}\n\nIn this statement: ${requirementText(entry)}.` : head;
}

function describeValue(node: Node, place: PolicyPosition, source: PolicySource, statement: Statement | undefined, config: TrustConfig): string | undefined {
  switch (place.role) {
    case 'document':
      return policySummary(source, config);
    case 'statement':
      return statement ? `**${capitalise(statementName(statement))}**\n\n${statementLine(statement, source.policy, config)}` : undefined;
    case 'policy-value':
      if (place.element === 'Version' && node.kind === 'string') return `**Version ${node.value}**\n\n${VERSION_DOCS[node.value] ?? 'Not a policy language version: IAM accepts `2012-10-17` and `2008-10-17`.'}`;
      return place.element === 'Statement' ? policySummary(source, config) : undefined;
    case 'statement-value':
      return describeStatementValue(node, place.element, source, statement, config);
    case 'principal-value': {
      const principal = statement?.principals.find((p) => p.node === node);
      if (!principal) return PRINCIPAL_TYPE_DOCS[place.principalType] && `**Principal type ${place.principalType}**\n\n${PRINCIPAL_TYPE_DOCS[place.principalType]}`;
      return principalHover(principal, statement!, source.policy, config);
    }
    case 'condition-value': {
      const entry = statement?.conditions.find((c) => c.key === place.key && c.operator === place.operator);
      return describeConditionKey(place.key, entry);
    }
    default:
      return undefined;
  }
}

function describeStatementValue(node: Node, element: string, source: PolicySource, statement: Statement | undefined, config: TrustConfig): string | undefined {
  switch (element) {
    case 'Effect':
      if (node.kind === 'unknown') return `The effect is ${deployTimeText(node)}.`;
      return node.kind === 'string' && EFFECT_DOCS[node.value] ? `**${node.value}**\n\n${EFFECT_DOCS[node.value]}` : 'IAM accepts only `Allow` or `Deny`, spelt exactly so.';
    case 'Action':
    case 'NotAction':
      return node.kind === 'string' ? describeAction(node.value) : node.kind === 'unknown' ? `This action is ${deployTimeText(node)}.` : `**${element}**\n\n${ELEMENT_DOCS[element]}`;
    case 'Principal': {
      const principal = statement?.principals.find((p) => p.node === node);
      return principal && statement ? principalHover(principal, statement, source.policy, config) : `**Principal**\n\n${ELEMENT_DOCS.Principal}`;
    }
    default:
      return ELEMENT_DOCS[element] && `**${element}**\n\n${ELEMENT_DOCS[element]}`;
  }
}

function describeAction(value: string): string {
  const meaning = classifyAction(value);
  switch (meaning.kind) {
    case 'trust':
      return `**sts:${meaning.name}**\n\n${TRUST_ACTION_DOCS[meaning.name]}`;
    case 'wildcard':
      return `**${value}**\n\nA wildcard: grants ${meaning.grants.map((g) => `\`sts:${g}\``).join(', ') || 'no trust action'}. It silently includes session tagging, source identity and the federated actions: list the actions you mean.`;
    case 'sts-other':
      return `**sts:${meaning.name}**\n\nAn STS action that a role trust policy does not grant: it is allowed in identity policies.`;
    default:
      return `**${value}**\n\nNot an action a trust policy can grant. The trust actions are \`sts:AssumeRole\`, \`sts:AssumeRoleWithWebIdentity\`, \`sts:AssumeRoleWithSAML\`, \`sts:TagSession\`, \`sts:SetSourceIdentity\` and \`sts:SetContext\`.`;
  }
}

const TIGHTNESS_WORDS: Record<string, string> = {
  anyone: 'anyone',
  'whole account': 'a whole account',
  'specific role': 'one specific role',
  'specific user': 'one specific user',
  'specific session': 'one specific session',
  service: 'an AWS service',
  'identity provider': 'users of an identity provider',
  nobody: 'nobody',
  invalid: 'invalid',
  unknown: 'known only at deploy time',
};

function principalHover(principal: Statement['principals'][number], statement: Statement, policy: TrustPolicy, config: TrustConfig): string {
  const explained = explainPrincipal(principal, statement, policy, config);
  const verb = statement.effect === 'Deny' ? 'Refused' : 'Who can assume';
  const lines = [`**${principal.type === '*' ? 'Principal' : `${principal.type} principal`}**: ${explained.short}`, `${verb}: ${explained.who}`, `Scope: **${TIGHTNESS_WORDS[explained.tightness]}**.`];
  if (explained.zone) lines.push(explained.zone);
  return lines.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// The policy summary

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function statementLine(statement: Statement, policy: TrustPolicy, config: TrustConfig): string {
  const principals = statement.principals.map((p) => explainPrincipal(p, statement, policy, config).short);
  const who = principals.length ? principals.join(', ') : 'no principal';
  const requirements = statement.conditions.map(requirementText);
  return requirements.length ? `${who}; ${requirements.join('; ')}` : who;
}

function sizeLine(root: Node, quota: number): string {
  const length = trustPolicyLength(root);
  const n = (x: number) => x.toLocaleString('en-US');
  if (length === undefined) return `Size: known only at deploy time (quota ${n(quota)} characters).`;
  const over = length > quota ? ' **Over the quota**: IAM refuses the policy.' : '';
  return `Size: ${n(length)} of ${n(quota)} characters (${Math.round((length / quota) * 100)}%), white space not counted.${over}`;
}

function policySummary(source: PolicySource, config: TrustConfig): string {
  const { policy } = source;
  const byEffect = statementsByEffect(policy.statements);
  const list = (statements: Statement[]) => statements.map((s) => `- ${statementLine(s, policy, config)}`).join('\n');
  const lines = ['**Trust policy**'];
  lines.push(byEffect.allow.length ? `Trusted:\n${list(byEffect.allow)}` : 'Trusted: nobody (no Allow statement).');
  if (byEffect.deny.length) lines.push(`Refused:\n${list(byEffect.deny)}`);
  for (const kind of UNDECIDED_EFFECTS) {
    if (byEffect[kind].length) lines.push(`${UNDECIDED_EFFECT_HEADINGS[kind]}:\n${list(byEffect[kind])}`);
  }
  lines.push(sizeLine(source.root, config.trustPolicyQuota));
  return lines.join('\n\n');
}
