import { Node, Span } from '../model/ast';
import { SyntaxProblem } from '../parser/json';

/**
 * Moves every span of a tree parsed from decoded text (a JSON policy written inside an escaped
 * Terraform string) back onto the original file. `offsets[i]` is the source offset of decoded
 * character i, with one more entry for the end.
 */
export class SpanMap {
  constructor(private readonly offsets: number[], private readonly source: string) {}

  private at(i: number): number {
    return this.offsets[Math.max(0, Math.min(i, this.offsets.length - 1))];
  }

  span(s: Span): Span {
    const start = this.at(s.offset);
    // The end of the last character, not the start of the next one: `\"` is two source characters.
    const end = s.length === 0 ? start : this.at(s.offset + s.length - 1) + this.width(s.offset + s.length - 1);
    return { offset: start, length: Math.max(0, end - start) };
  }

  /** How many source characters decoded character i came from. */
  private width(i: number): number {
    const next = this.at(i + 1);
    const here = this.at(i);
    return next > here ? next - here : 1;
  }

  node(n: Node): Node {
    const span = this.span(n.span);
    switch (n.kind) {
      case 'object':
        return {
          ...n,
          span,
          properties: n.properties.map((p) => ({ ...p, keySpan: this.span(p.keySpan), span: this.span(p.span), value: p.value && this.node(p.value) })),
        };
      case 'array':
        return { ...n, span, items: n.items.map((i) => this.node(i)) };
      case 'unknown':
        return { ...n, span, text: this.source.substr(span.offset, span.length) };
      default:
        return { ...n, span };
    }
  }

  problem(p: SyntaxProblem): SyntaxProblem {
    return { ...p, span: this.span(p.span) };
  }
}
