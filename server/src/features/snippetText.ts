/**
 * Building LSP snippet text (`${1:default}`, `${1|a,b|}`) without letting a literal `$`, `}` or
 * `\` turn into syntax: the grammar of the LSP specification's "Snippet Syntax".
 */

export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** Numbered tab stops for one snippet; literal text escaped as it is added. */
export class SnippetBuilder {
  private next = 1;
  private parts: string[] = [];

  text(literal: string): this {
    this.parts.push(escapeSnippet(literal));
    return this;
  }

  placeholder(defaultText: string): this {
    this.parts.push(`\${${this.next++}:${escapeSnippet(defaultText)}}`);
    return this;
  }

  /** A choice; a single choice is literal text, and none is a named placeholder. */
  choice(options: readonly string[], name: string): this {
    if (options.length === 0) return this.placeholder(name);
    if (options.length === 1) return this.text(options[0]);
    this.parts.push(`\${${this.next++}|${options.map((o) => o.replace(/[\\|,$}]/g, '\\$&')).join(',')}|}`);
    return this;
  }

  /** A template with `${Name}` variables (IAM data keys such as `aws:PrincipalTag/${TagKey}`). */
  variables(template: string): this {
    const re = /\$\{([^}]+)\}/g;
    let last = 0;
    for (let m = re.exec(template); m; m = re.exec(template)) {
      this.text(template.slice(last, m.index)).placeholder(m[1]);
      last = m.index + m[0].length;
    }
    return this.text(template.slice(last));
  }

  build(): string {
    return this.parts.join('');
  }
}

/** A snippet as the user reads it once every placeholder took its default (for documentation). */
export function snippetPreview(snippet: string): string {
  const defaults = new Map<string, string>();
  const unescape = (s: string) => s.replace(/\\([\\$}|,])/g, '$1');
  return snippet
    .replace(/\$\{(\d+)(?::((?:\\.|[^}\\])*)|\|((?:\\.|[^|\\])*)\|)\}/g, (_, n: string, text?: string, options?: string) => {
      const value = unescape(text ?? options!.split(/(?<!\\),/)[0]);
      defaults.set(n, value);
      return value;
    })
    .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a?: string, b?: string) => defaults.get(a ?? b!) ?? '')
    .replace(/\\([\\$}])/g, '$1');
}
