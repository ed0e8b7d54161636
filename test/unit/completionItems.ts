import * as assert from 'assert';
import { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { provideCompletionsSync } from '../../server/src/features/completion';
import { snippetPreview } from '../../server/src/features/snippetText';
import { TrustConfig } from '../../server/src/config';
import { atCursor, ZONE_CONFIG } from './cursorMarker';

/** Reading completion items as a user sees them, for the completion tests of every format. */

export function complete(marked: string, config: TrustConfig = ZONE_CONFIG, uri?: string, languageId?: string): CompletionItem[] {
  const { document, position } = atCursor(marked, uri, languageId);
  return provideCompletionsSync(document, position, config).items;
}

export function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

/** Items in the order an editor shows them when nothing is typed (by sortText). */
export function sorted(items: CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

export function item(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no item ${label} among ${labels(items).join(', ')}`);
  return found;
}

export function newText(i: CompletionItem): string {
  return (i.textEdit as TextEdit).newText;
}

export function docs(i: CompletionItem): string {
  return (i.documentation as MarkupContent).value;
}

/** The document once an item is accepted, its placeholders at their defaults (a choice: its first option). */
export function accept(marked: string, label: string, config: TrustConfig = ZONE_CONFIG, uri?: string, languageId?: string): string {
  const { document, position } = atCursor(marked, uri, languageId);
  const chosen = item(provideCompletionsSync(document, position, config).items, label);
  const edit = chosen.textEdit as TextEdit;
  const text = document.getText();
  return text.slice(0, document.offsetAt(edit.range.start)) + snippetPreview(edit.newText) + text.slice(document.offsetAt(edit.range.end));
}

/** The text an item replaces. */
export function replaced(marked: string, i: CompletionItem, uri?: string, languageId?: string): string {
  const { document } = atCursor(marked, uri, languageId);
  const { range } = i.textEdit as TextEdit;
  return document.getText().slice(document.offsetAt(range.start), document.offsetAt(range.end));
}
