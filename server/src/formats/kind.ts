import * as path from 'path';

/**
 * How a file is written, which decides the parser: from the file name (a `.tpl`/`.tftpl` suffix
 * marks a Terraform template of what the rest of the name says), then the editor's language id,
 * then the content.
 */
export type DocumentKind = 'json' | 'yaml' | 'terraform' | 'template';

const BY_EXTENSION: Record<string, DocumentKind> = {
  '.json': 'json',
  '.jsonc': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.tf': 'terraform',
};

const BY_LANGUAGE: Record<string, DocumentKind> = {
  json: 'json',
  jsonc: 'json',
  yaml: 'yaml',
  cloudformation: 'yaml',
  terraform: 'terraform',
  hcl: 'terraform',
};

/** JSON when the text opens with `{`, `[` or a comment, else Terraform when it declares blocks, else YAML. */
function byContent(text: string): DocumentKind {
  const first = /\S/.exec(text)?.[0];
  if (first === '{' || first === '[' || first === '/') return 'json';
  if (/^\s*(resource|data)\s+"/m.test(text)) return 'terraform';
  return 'yaml';
}

export function documentKind(text: string, filePath?: string, languageId?: string): DocumentKind {
  const name = filePath ? path.basename(filePath).toLowerCase() : '';
  const template = /\.(tpl|tftpl)$/.exec(name);
  if (template) {
    // `policy.json.tpl` and `policy.tpl` are JSON templates; `values.yaml.tpl` is YAML.
    const inner = BY_EXTENSION[path.extname(name.slice(0, template.index))];
    return inner === 'yaml' ? 'yaml' : 'template';
  }
  const byName = BY_EXTENSION[path.extname(name)];
  if (byName) return byName;
  const byLanguage = languageId ? BY_LANGUAGE[languageId.toLowerCase()] : undefined;
  return byLanguage ?? byContent(text);
}
