import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position } from 'vscode-languageserver-types';
import { mergeConfig, TrustConfig } from '../../server/src/config';

/**
 * Test documents with the cursor written as `|` in the text, as a user would see it: the marker
 * is removed and its place becomes the position the feature is asked about.
 */
export function atCursor(marked: string, uri = 'untitled:Untitled-1', languageId = 'json'): { document: TextDocument; position: Position; text: string } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error(`Exactly one | marker expected in ${JSON.stringify(marked)}`);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const document = TextDocument.create(uri, languageId, 1, text);
  return { document, position: document.positionAt(offset), text };
}

/** A configured zone of trust: own accounts, one partner, the organization. */
export const ZONE_CONFIG: TrustConfig = mergeConfig({
  ownAccountIds: ['210987654321'],
  partnerAccountIds: ['310987654321'],
  organizationId: 'o-a1b2c3d4e5',
});

export const NO_ZONE_CONFIG: TrustConfig = mergeConfig({});

/** A file URI in a folder that holds no `.iam-trust.json` (the features take config as an argument anyway). */
export function fileUri(name: string): string {
  return `file:///tmp/iam-trust-features/${name}`;
}
