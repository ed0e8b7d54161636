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

/**
 * Rewrites the literal text of a snippet, outside and inside its placeholders and in each option
 * of a choice, keeping its tab stops: how a value written for JSON is re-spelled for a Terraform
 * string (`"` → `\"`) or a quoted YAML scalar without touching `${1:ROLE_NAME}`.
 */
export function mapSnippetLiterals(snippet: string, map: (literal: string) => string): string {
  return new LiteralMapper(snippet, map).run();
}

class LiteralMapper {
  private i = 0;

  constructor(private readonly s: string, private readonly map: (literal: string) => string) {}

  run(): string {
    return this.sequence(false);
  }

  /** Literal text and tab stops up to the end, or up to the `}` that closes a placeholder. */
  private sequence(inPlaceholder: boolean): string {
    let out = '';
    let literal = '';
    const flush = () => {
      if (literal) out += escapeSnippet(this.map(literal));
      literal = '';
    };
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\' && /[\\$}]/.test(this.s[this.i + 1] ?? '')) {
        literal += this.s[this.i + 1];
        this.i += 2;
      } else if (c === '}' && inPlaceholder) {
        break;
      } else if (c === '$') {
        const stop = this.tabStop();
        if (stop === undefined) {
          literal += c;
          this.i++;
        } else {
          flush();
          out += stop;
        }
      } else {
        literal += c;
        this.i++;
      }
    }
    flush();
    return out;
  }

  /** `$1`, `${1}`, `${1:default}`, `${1|a,b|}` at the cursor, rewritten; undefined for a lone `$`. */
  private tabStop(): string | undefined {
    const rest = this.s.slice(this.i);
    const simple = /^\$(\d+)|^\$\{(\d+)\}/.exec(rest);
    if (simple) {
      this.i += simple[0].length;
      return simple[0];
    }
    const placeholder = /^\$\{(\d+):/.exec(rest);
    if (placeholder) {
      this.i += placeholder[0].length;
      const inner = this.sequence(true);
      this.i++; // the closing brace
      return `\${${placeholder[1]}:${inner}}`;
    }
    const choice = /^\$\{(\d+)\|((?:\\.|[^|\\])*)\|\}/.exec(rest);
    if (choice) {
      this.i += choice[0].length;
      const options = choice[2].split(/(?<!\\),/).map((o) => this.map(o.replace(/\\(.)/g, '$1')).replace(/[\\|,$}]/g, '\\$&'));
      return `\${${choice[1]}|${options.join(',')}|}`;
    }
    return undefined;
  }
}
