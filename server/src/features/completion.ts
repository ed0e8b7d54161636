import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, MarkupKind, Position } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { asList, getPropertyIgnoreCase, Node } from '../model/ast';
import { buildStatement, buildTrustPolicy, Statement } from '../model/policy';
import { TrustConfig } from '../config';
import { looksLikeTrustPolicy, matchesTrustGlobs } from '../documents';
import { parseJson } from '../parser/json';
import { documentKind } from '../formats/kind';
import { isCloudFormationTemplate } from '../formats/cloudformation';
import { TRUST_ACTIONS } from '../aws/stsActions';
import { canonicalElement, classifyPosition, featureInput, isInsideEmbeddedPolicy, JsonCursor, locateJsonCursor, nodeAtPath, pathInPolicy, POLICY_ELEMENTS, PolicyPosition, Segment } from './cursor';
import { EFFECT_DOCS, ELEMENT_DOCS, PRINCIPAL_TYPE_DOCS, VERSION_DOCS } from './explain';
import {
  actionSuggestions,
  awsPrincipalSuggestions,
  conditionKeySuggestions,
  conditionValueSuggestions,
  federatedSuggestions,
  fittingActions,
  operatorSuggestions,
  principalObjectSuggestions,
  servicePrincipalSuggestions,
  snippetSuggestions,
  Suggestion,
} from './completionCatalogue';

/**
 * Completion in trust policies, for every editor through the language server. The cursor is
 * located in the raw text (documents are half typed while completion runs); what the statement
 * already says (its principals, its actions) comes from the tolerant parse of the same text.
 *
 * JSON only for now: whole-file policies and the `AssumeRolePolicyDocument` of CloudFormation JSON
 * templates. Other formats get no items.
 */

/** The characters after which editors should ask for completion. */
export const COMPLETION_TRIGGER_CHARACTERS = ['"', ':'];

const NO_ITEMS: CompletionList = { isIncomplete: false, items: [] };

interface Context {
  cursor: JsonCursor;
  root?: Node;
  /** The path from the document root to the policy root. */
  policyPrefix: Segment[];
  position: PolicyPosition;
  statement?: Statement;
  config: TrustConfig;
}

export function provideCompletions(document: TextDocument, position: Position, config: TrustConfig): CompletionList {
  const input = featureInput(document);
  if (!input || documentKind(input.text, input.filePath, input.languageId) !== 'json') return NO_ITEMS;
  const { text, filePath } = input;
  const cursor = locateJsonCursor(text, document.offsetAt(position));
  if (!cursor) return NO_ITEMS;
  const root = parseJson(text).root;
  if (!inTrustPolicy(root, cursor, filePath, config)) return NO_ITEMS;

  const relative = pathInPolicy(cursor.path);
  const policyPrefix = cursor.path.slice(0, cursor.path.length - relative.length);
  const place = classifyPosition(relative, cursor.kind === 'key');
  if (!place) return NO_ITEMS;
  const context: Context = { cursor, root, policyPrefix, position: place, config, statement: statementAt(root, policyPrefix, place) };
  const items = suggestionsFor(context).map((s, i) => toItem(s, i, context, document));
  return { isIncomplete: false, items };
}

/**
 * Ours when the file is a trust policy by name or content, or a policy being written that has no
 * Resource and no action outside STS (an identity or resource policy would). An empty document is
 * ours when it has no file name yet or its name matches the trust-policy globs.
 */
function inTrustPolicy(root: Node | undefined, cursor: JsonCursor, filePath: string | undefined, config: TrustConfig): boolean {
  if (isInsideEmbeddedPolicy(cursor.path)) return true;
  if (isCloudFormationTemplate(root)) return false;
  if (filePath && matchesTrustGlobs(filePath, config)) return true;
  if (!root) return !filePath;
  if (looksLikeTrustPolicy(root)) return true;
  // A new, unnamed document that holds nothing but policy elements yet.
  if (!filePath && root.kind === 'object' && root.properties.every((p) => canonicalElement(p.key, POLICY_ELEMENTS))) return true;
  if (!getPropertyIgnoreCase(root, 'Statement')) return false;
  const statements = buildTrustPolicy(root).statements;
  if (statements.some((s) => s.resourceProperty || s.notResourceProperty)) return false;
  if (statements.some((s) => s.actions.some((a) => a.value !== undefined && a.value !== '' && a.value !== '*' && !/^sts:/i.test(a.value)))) return false;
  return !filePath || statements.some((s) => s.principalProperty || s.actions.some((a) => a.value && /^sts:/i.test(a.value)));
}

function statementAt(root: Node | undefined, prefix: Segment[], place: PolicyPosition): Statement | undefined {
  if (!('statementPath' in place)) return undefined;
  const node = nodeAtPath(root, [...prefix, ...place.statementPath]);
  return node?.kind === 'object' ? buildStatement(node, 0) : undefined;
}

/** Property names already in the object under the cursor (not counting the one being typed). */
function presentKeys(context: Context): string[] {
  const object = nodeAtPath(context.root, context.cursor.path);
  if (object?.kind !== 'object') return [];
  return object.properties.filter((p) => p.keySpan.offset !== context.cursor.replace.offset).map((p) => p.key);
}

/** String values of the list the cursor is in (not counting the one being typed). */
function listedValues(context: Context): string[] {
  const { path, replace } = context.cursor;
  const container = typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
  return asList(nodeAtPath(context.root, container))
    .filter((n) => n.span.offset !== replace.offset && n.kind === 'string')
    .map((n) => (n as { value: string }).value);
}

function keySuggestion(name: string, documentation: string, valueSnippet: string, kind: CompletionItemKind = CompletionItemKind.Property): Suggestion {
  return { label: name, kind, snippet: name, valueSnippet, documentation, rank: 0 };
}

function missing(names: readonly string[], present: readonly string[]): string[] {
  const taken = new Set(present.map((p) => p.toLowerCase()));
  return names.filter((n) => !taken.has(n.toLowerCase()));
}

function policyKeys(context: Context): Suggestion[] {
  const values: Record<string, string> = { Version: '"2012-10-17"', Statement: '[\n\t{\n\t\t$0\n\t}\n]', Id: '"$1"' };
  return missing(['Version', 'Statement', 'Id'], presentKeys(context)).map((k) => keySuggestion(k, ELEMENT_DOCS[k], values[k]));
}

function statementKeys(context: Context): Suggestion[] {
  const present = presentKeys(context);
  // Action and NotAction exclude each other; Resource, NotResource and NotPrincipal have no place in a trust policy.
  const actionTaken = missing(['Action', 'NotAction'], present).length < 2;
  const actions = [...fittingActions(context.statement), ...TRUST_ACTIONS.filter((a) => !fittingActions(context.statement).includes(a))];
  const values: Record<string, string> = {
    Sid: '"$1"',
    Effect: '"${1|Allow,Deny|}"',
    Principal: '{ "${1|AWS,Service,Federated|}": "$2" }',
    Action: `"\${1|${actions.map((a) => `sts:${a}`).join(',')}|}"`,
    NotAction: '"$1"',
    Condition: '{ "${1:StringEquals}": { "$2": "$3" } }',
  };
  return missing(['Effect', 'Principal', 'Action', 'Condition', 'Sid', 'NotAction'], present)
    .filter((k) => !(actionTaken && (k === 'Action' || k === 'NotAction')))
    .map((k, i) => ({ ...keySuggestion(k, ELEMENT_DOCS[k], values[k]), rank: k === 'NotAction' ? 1 : 0, preselect: i === 0 }));
}

function suggestionsFor(context: Context): Suggestion[] {
  const { position: place, config, statement } = context;
  switch (place.role) {
    case 'document':
      return snippetSuggestions('document');
    case 'policy-key':
      return policyKeys(context);
    case 'policy-value':
      return place.element === 'Version' ? [{ label: '2012-10-17', kind: CompletionItemKind.Value, snippet: '2012-10-17', documentation: VERSION_DOCS['2012-10-17'], rank: 0 }] : [];
    case 'statement':
      return snippetSuggestions('statement');
    case 'statement-key':
      return statementKeys(context);
    case 'statement-value':
      switch (place.element) {
        case 'Effect':
          return ['Allow', 'Deny'].map((e, i) => ({ label: e, kind: CompletionItemKind.EnumMember, snippet: e, documentation: EFFECT_DOCS[e], rank: i }));
        case 'Action':
        case 'NotAction':
          return actionSuggestions(statement, listedValues(context));
        case 'Principal':
          return principalObjectSuggestions();
        default:
          return [];
      }
    case 'principal-key':
      return missing(['AWS', 'Service', 'Federated'], presentKeys(context)).map((t) => keySuggestion(t, PRINCIPAL_TYPE_DOCS[t], '"$1"'));
    case 'principal-value':
      switch (place.principalType) {
        case 'AWS':
          return awsPrincipalSuggestions(config);
        case 'Service':
          return servicePrincipalSuggestions(listedValues(context));
        case 'Federated':
          return federatedSuggestions(config, listedValues(context));
        default:
          return [];
      }
    case 'condition-operator':
      return operatorSuggestions(presentKeys(context));
    case 'condition-key':
      return conditionKeySuggestions(statement, presentKeys(context), config);
    case 'condition-value':
      return conditionValueSuggestions(place.key, statement, config);
  }
}

function toItem(s: Suggestion, index: number, context: Context, document: TextDocument): CompletionItem {
  const { cursor } = context;
  const comma = cursor.needsComma ? ',' : '';
  let newText: string;
  let filterText: string;
  if (s.raw) {
    newText = s.snippet + comma;
    filterText = (cursor.quoted ? '"' : '') + s.label;
  } else if (cursor.kind === 'key') {
    newText = cursor.followedByColon ? `"${s.snippet}"` : `"${s.snippet}": ${s.valueSnippet ?? '"$1"'}${comma}`;
    filterText = `"${s.label}"`;
  } else {
    newText = `"${s.snippet}"${comma}`;
    filterText = cursor.quoted || !cursor.typed ? `"${s.label}"` : s.label;
  }
  const range = { start: document.positionAt(cursor.replace.offset), end: document.positionAt(cursor.replace.offset + cursor.replace.length) };
  const item: CompletionItem = {
    label: s.label,
    kind: s.kind,
    detail: s.detail,
    documentation: { kind: MarkupKind.Markdown, value: s.documentation },
    textEdit: { range, newText },
    insertTextFormat: InsertTextFormat.Snippet,
    filterText,
    sortText: `${s.rank}${String(index).padStart(4, '0')}`,
  };
  if (s.preselect) item.preselect = true;
  return item;
}
