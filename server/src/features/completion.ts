import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, MarkupKind, Position } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TrustConfig } from '../config';
import { initParsers } from '../documents';
import { DocumentKind, documentKind } from '../formats/kind';
import { classifyPosition, featureInput, FeatureInput, PolicyPosition } from './cursor';
import { EFFECT_DOCS, ELEMENT_DOCS, PRINCIPAL_TYPE_DOCS, VERSION_DOCS } from './explain';
import {
  actionChoice,
  actionSuggestions,
  awsPrincipalSuggestions,
  conditionKeySuggestions,
  conditionValueSuggestions,
  federatedSuggestions,
  operatorSuggestions,
  principalObjectSuggestions,
  servicePrincipalSuggestions,
  snippetSuggestions,
  Suggestion,
} from './completionCatalogue';
import { Site, statementAt } from './completionSite';
import { jsonDocumentSites } from './completionJson';
import { yamlSites } from './completionYaml';
import { terraformSites } from './completionTerraform';
import { list, map, OPEN_MAP, scalar, SnippetValue } from './snippetValue';

/**
 * Completion in trust policies, for every editor through the language server, wherever the
 * policy is written: a JSON file or template, CloudFormation JSON or YAML, Terraform (jsonencode,
 * heredoc, JSON string, aws_iam_policy_document). Each format locates the cursor in its own
 * half-typed text (completionJson/Yaml/Terraform.ts) and hands back a site: where in the policy
 * the cursor is, what is already there, and a writer that spells items the way the format does.
 * What to offer at each place is the same for every format (completionCatalogue.ts).
 */

/** The characters after which editors should ask for completion. */
export const COMPLETION_TRIGGER_CHARACTERS = ['"', ':'];

const NO_ITEMS: CompletionList = { isIncomplete: false, items: [] };

/** Completion at a position; waits for the Terraform parser the first time a .tf file asks. */
export async function provideCompletions(document: TextDocument, position: Position, config: TrustConfig): Promise<CompletionList> {
  const input = featureInput(document);
  if (input && documentKind(input.text, input.filePath, input.languageId) === 'terraform') await initParsers();
  return provideCompletionsSync(document, position, config);
}

/** Completion at a position, now: Terraform files get nothing until initParsers() has resolved. */
export function provideCompletionsSync(document: TextDocument, position: Position, config: TrustConfig): CompletionList {
  const input = featureInput(document);
  if (!input) return NO_ITEMS;
  const kind = documentKind(input.text, input.filePath, input.languageId);
  return completionsAt(document, input, kind, document.offsetAt(position), config);
}

function sitesFor(kind: DocumentKind, input: FeatureInput, offset: number, config: TrustConfig): Site[] {
  switch (kind) {
    case 'yaml':
      return yamlSites(input, offset, config);
    case 'terraform':
      return terraformSites(input.text, offset, config);
    default:
      return jsonDocumentSites(input, offset, config, kind);
  }
}

function completionsAt(document: TextDocument, input: FeatureInput, kind: DocumentKind, offset: number, config: TrustConfig): CompletionList {
  // A site may have a second reading (YAML `aws:|`): the first that offers something wins.
  for (const site of sitesFor(kind, input, offset, config)) {
    const offered = offeredAt(site, config);
    const items = offered.map(([s, at], i) => toItem(s, i, at, document)).filter((i): i is CompletionItem => i !== undefined);
    if (items.length) return { isIncomplete: false, items };
  }
  return NO_ITEMS;
}

function offeredAt(site: Site, config: TrustConfig): [Suggestion, Site][] {
  if (site.suggest) return site.suggest().map((s) => [s, site]);
  const place = classifyPosition(site.path, site.kind === 'key');
  if (!place) return [];
  const statement = site.statement ?? statementAt(site.policy, place);
  const out: [Suggestion, Site][] = [];
  // The content of a YAML list item in Statement: the statement's first key, or a statement snippet.
  if (place.role === 'statement' && site.itemKeys) {
    const keySite: Site = { ...site, kind: 'key' };
    out.push(...statementKeys(keySite.present, statement).map((s): [Suggestion, Site] => [s, keySite]));
  }
  out.push(...suggestionsFor(place, site, statement, config).map((s): [Suggestion, Site] => [s, site]));
  return out;
}

function keySuggestion(name: string, documentation: string, value: SnippetValue, kind: CompletionItemKind = CompletionItemKind.Property): Suggestion {
  return { label: name, kind, snippet: name, value, documentation, rank: 0 };
}

function missing(names: readonly string[], present: readonly string[]): string[] {
  const taken = new Set(present.map((p) => p.toLowerCase()));
  return names.filter((n) => !taken.has(n.toLowerCase()));
}

function policyKeys(present: string[]): Suggestion[] {
  const values: Record<string, SnippetValue> = { Version: scalar('2012-10-17'), Statement: list(OPEN_MAP), Id: scalar('$1') };
  return missing(['Version', 'Statement', 'Id'], present).map((k) => keySuggestion(k, ELEMENT_DOCS[k], values[k]));
}

function statementKeys(present: string[], statement: Site['statement']): Suggestion[] {
  // Action and NotAction exclude each other; Resource, NotResource and NotPrincipal have no place in a trust policy.
  const actionTaken = missing(['Action', 'NotAction'], present).length < 2;
  const values: Record<string, SnippetValue> = {
    Sid: scalar('$1'),
    Effect: scalar('${1|Allow,Deny|}'),
    Principal: map(['${1|AWS,Service,Federated|}', scalar('$2')]),
    Action: scalar(actionChoice(statement)),
    NotAction: scalar('$1'),
    Condition: map(['${1:StringEquals}', map(['$2', scalar('$3')])]),
  };
  return missing(['Effect', 'Principal', 'Action', 'Condition', 'Sid', 'NotAction'], present)
    .filter((k) => !(actionTaken && (k === 'Action' || k === 'NotAction')))
    .map((k, i) => ({ ...keySuggestion(k, ELEMENT_DOCS[k], values[k]), rank: k === 'NotAction' ? 1 : 0, preselect: i === 0 }));
}

function suggestionsFor(place: PolicyPosition, site: Site, statement: Site['statement'], config: TrustConfig): Suggestion[] {
  const { present, listed } = site;
  switch (place.role) {
    case 'document':
      return snippetSuggestions('document');
    case 'policy-key':
      return policyKeys(present);
    case 'policy-value':
      return place.element === 'Version' ? [{ label: '2012-10-17', kind: CompletionItemKind.Value, snippet: '2012-10-17', documentation: VERSION_DOCS['2012-10-17'], rank: 0 }] : [];
    case 'statement':
      return snippetSuggestions('statement');
    case 'statement-key':
      return statementKeys(present, statement);
    case 'statement-value':
      switch (place.element) {
        case 'Effect':
          return ['Allow', 'Deny'].map((e, i) => ({ label: e, kind: CompletionItemKind.EnumMember, snippet: e, documentation: EFFECT_DOCS[e], rank: i }));
        case 'Action':
        case 'NotAction':
          return actionSuggestions(statement, listed);
        case 'Principal':
          return principalObjectSuggestions();
        default:
          return [];
      }
    case 'principal-key':
      return missing(['AWS', 'Service', 'Federated'], present).map((t) => keySuggestion(t, PRINCIPAL_TYPE_DOCS[t], scalar('$1')));
    case 'principal-value':
      switch (place.principalType) {
        case 'AWS':
          return awsPrincipalSuggestions(config);
        case 'Service':
          return servicePrincipalSuggestions(listed);
        case 'Federated':
          return federatedSuggestions(config, listed);
        default:
          return [];
      }
    case 'condition-operator':
      return operatorSuggestions(present);
    case 'condition-key':
      return conditionKeySuggestions(statement, present, config);
    case 'condition-value':
      return conditionValueSuggestions(place.key, statement, config);
  }
}

function toItem(s: Suggestion, index: number, site: Site, document: TextDocument): CompletionItem | undefined {
  const { writer } = site;
  const kind = s.raw ? 'structure' : site.kind;
  const insert = s.raw ? writer.structure(s.structure, s.snippet) : site.kind === 'key' ? writer.key(s.snippet, s.value) : writer.value(s.snippet);
  if (!insert) return undefined;
  const replace = insert.replace ?? site.replace;
  const range = { start: document.positionAt(replace.offset), end: document.positionAt(replace.offset + replace.length) };
  const item: CompletionItem = {
    label: s.label,
    kind: s.kind,
    detail: s.detail,
    documentation: { kind: MarkupKind.Markdown, value: s.documentation },
    textEdit: { range, newText: insert.text },
    insertTextFormat: InsertTextFormat.Snippet,
    filterText: writer.filterText(s.label, kind),
    sortText: `${s.rank}${String(index).padStart(4, '0')}`,
  };
  if (writer.insertTextMode !== undefined) item.insertTextMode = writer.insertTextMode;
  if (s.preselect) item.preselect = true;
  return item;
}
