import { SubjectForm, templateParts } from '../aws/oidcProviders';
import { memoizeByText } from '../model/memo';

/**
 * Comparing a condition value with the forms a provider's claim takes (the templates of
 * server/data/oidc-providers.json: `repo:{owner}/{repo}:ref:refs/heads/{branch}`), for the
 * federation rules of trust-checks.md (F).
 *
 * A value is a pattern when its operator is `StringLike` (IAM User Guide, condition operators:
 * `*` matches any run of characters, `?` one character, `${*}` `${?}` `${$}` stand for the literal
 * characters); under `StringEquals` every character stands for itself. A placeholder of a form is
 * one or more characters other than `:` and the first character of the text that follows it:
 * GitHub owners never contain `/`, git refs never contain `:` (git check-ref-format).
 */

type PatternToken = { char: string } | { star: true } | { one: true };

type FormToken = { char: string } | { placeholder: 'first' | 'rest'; excludes: string };

/** A form with its choices expanded: literal text and placeholders, in order. */
type FormPart = { text: string } | { placeholder: string; excludes: string };

/** IAM's escapes for literal wildcard characters in a condition value. */
const ESCAPE = /^\$\{([*?$])\}/;

/** A value as IAM compares it: with `StringLike`, `*` and `?` are wildcards. */
export function patternTokens(value: string, wildcards: boolean): PatternToken[] {
  const out: PatternToken[] = [];
  for (let i = 0; i < value.length; i++) {
    const escaped = wildcards ? ESCAPE.exec(value.slice(i)) : null;
    if (escaped) {
      out.push({ char: escaped[1] });
      i += escaped[0].length - 1;
    } else if (wildcards && value[i] === '*') out.push({ star: true });
    else if (wildcards && value[i] === '?') out.push({ one: true });
    else out.push({ char: value[i] });
  }
  return out;
}

/** True when the value holds a policy variable (`${aws:username}`): it depends on the request, so it is not judged. */
export function hasPolicyVariable(value: string): boolean {
  return /\$\{(?![*?$]\})/.test(value);
}

/** The forms are the provider table's, fixed for the life of the process: each is expanded once. */
const expansions = new Map<SubjectForm, FormPart[][]>();

function expandedForms(form: SubjectForm): FormPart[][] {
  let expanded = expansions.get(form);
  if (!expanded) expansions.set(form, (expanded = expandForm(form)));
  return expanded;
}

function expandForm(form: SubjectForm): FormPart[][] {
  let partials: FormPart[][] = [[]];
  for (const part of templateParts(form.template)) {
    if ('text' in part) partials = partials.map((p) => [...p, { text: part.text }]);
    else if (part.choices) partials = partials.flatMap((p) => part.choices!.map((c) => [...p, { text: c }]));
    else partials = partials.map((p) => [...p, { placeholder: part.placeholder, excludes: ':' }]);
  }
  return partials.map(mergeText).map(withExclusions);
}

function mergeText(parts: FormPart[]): FormPart[] {
  const out: FormPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if ('text' in p && last && 'text' in last) out[out.length - 1] = { text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

function withExclusions(parts: FormPart[]): FormPart[] {
  return parts.map((p, i) => {
    const next = parts[i + 1];
    if ('text' in p || !next || !('text' in next) || next.text === '' || next.text[0] === ':') return p;
    return { ...p, excludes: `:${next.text[0]}` };
  });
}

function formTokens(parts: FormPart[], ignoreCase: boolean): FormToken[] {
  const out: FormToken[] = [];
  for (const p of parts) {
    if ('text' in p) for (const c of ignoreCase ? p.text.toLowerCase() : p.text) out.push({ char: c });
    else out.push({ placeholder: 'first', excludes: p.excludes }, { placeholder: 'rest', excludes: p.excludes });
  }
  return out;
}

/** Whether some string matches both the pattern and the form: a search over pairs of positions. */
function intersects(pattern: PatternToken[], form: FormToken[]): boolean {
  const seen = new Set<number>();
  const width = form.length + 1;
  const stack: [number, number][] = [[0, 0]];
  while (stack.length) {
    const [i, j] = stack.pop()!;
    const id = i * width + j;
    if (seen.has(id)) continue;
    seen.add(id);
    if (i === pattern.length && j === form.length) return true;
    const p = pattern[i];
    const f = form[j];
    if (p && 'star' in p) stack.push([i + 1, j]);
    if (f && 'placeholder' in f && f.placeholder === 'rest') stack.push([i, j + 1]);
    if (!p || !f) continue;
    const compatible = 'char' in p ? ('char' in f ? f.char === p.char : !f.excludes.includes(p.char)) : true;
    if (!compatible) continue;
    stack.push(['star' in p ? i : i + 1, 'placeholder' in f && f.placeholder === 'rest' ? j : j + 1]);
  }
  return false;
}

/** True when some value of one of the forms matches `value` (a pattern when `wildcards`). */
export function matchesSomeForm(value: string, forms: readonly SubjectForm[], wildcards: boolean, ignoreCase = false): boolean {
  const compared = ignoreCase ? value.toLowerCase() : value;
  if (!wildcards || !/[*?]|\$\{/.test(compared)) {
    // A value with no wildcard is one string: whether a form matches it is a regular expression's question.
    const regExps = forms.map((f) => formRegExps(f, ignoreCase));
    if (regExps.every((list) => list !== undefined)) return regExps.some((list) => list!.some((re) => re.test(compared)));
  }
  const pattern = patternTokens(compared, wildcards);
  return forms.some((f) => expandedForms(f).some((parts) => intersects(pattern, formTokens(parts, ignoreCase))));
}

const formRegExpCache = new Map<SubjectForm, [RegExp[] | undefined, RegExp[] | undefined]>();

/**
 * The expanded forms as regular expressions that match exactly the strings `intersects` finds in
 * them: literal text as itself, a placeholder as one or more characters it does not exclude.
 * Undefined when the text holds a surrogate pair, which the token search reads as one character.
 */
function formRegExps(form: SubjectForm, ignoreCase: boolean): RegExp[] | undefined {
  let cached = formRegExpCache.get(form);
  if (!cached) {
    const build = (lower: boolean) => {
      const sources = expandedForms(form).map((parts) => parts.map((p) => ('text' in p ? escapeRegExp(lower ? p.text.toLowerCase() : p.text) : `[^${[...p.excludes].map(escapeRegExp).join('')}]+`)).join(''));
      return sources.some((src) => /[\ud800-\udfff]/.test(src)) ? undefined : sources.map((src) => new RegExp(`^${src}$`));
    };
    formRegExpCache.set(form, (cached = [build(false), build(true)]));
  }
  return cached[ignoreCase ? 1 : 0];
}

/** Every character but letters and digits escaped: safe in a pattern and inside `[...]`. */
function escapeRegExp(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '\\$&');
}

/**
 * How far a pattern's first wildcard reaches into a provider's forms:
 * - `tenant`: it stands for (part of) the tenant (`repo:*`, `repo:acme*`): other customers match;
 * - `scope`: the tenant is fixed, the unit inside it is not (`repo:acme/*`);
 * - `context`: one unit, any kind of what follows it (`repo:acme/app:*`: any branch, tag, environment or pull request);
 * - `inner`: inside a later value (`...:ref:refs/heads/release-*`).
 */
export type WildcardReach = 'tenant' | 'scope' | 'context' | 'inner';

const REACH_ORDER: WildcardReach[] = ['inner', 'context', 'scope', 'tenant'];

export interface Reach {
  reach: WildcardReach;
  /** Placeholder values fixed before the wildcard (`owner` → `acme`). */
  fixed: Record<string, string>;
  /** The start of the placeholder value the wildcard continues (`acme` of `repo:acme*`), when any. */
  partial?: string;
}

/**
 * The reach of the first wildcard of `value` (a StringLike pattern), in the least reaching form
 * that the text before the wildcard is consistent with; undefined when the value has no wildcard
 * or fits no form (oidc-sub-malformed's business).
 */
export function wildcardReach(value: string, forms: readonly SubjectForm[], tenant: string, scope?: string): Reach | undefined {
  const tokens = patternTokens(value, true);
  const firstWildcard = tokens.findIndex((t) => !('char' in t));
  if (firstWildcard < 0) return undefined;
  const prefix = tokens
    .slice(0, firstWildcard)
    .map((t) => (t as { char: string }).char)
    .join('');
  let best: Reach | undefined;
  for (const form of forms) {
    for (const parts of expandedForms(form)) {
      const r = reachIn(parts, prefix, tenant, scope);
      if (r && (!best || REACH_ORDER.indexOf(r.reach) < REACH_ORDER.indexOf(best.reach))) best = r;
    }
  }
  return best;
}

function reachIn(parts: FormPart[], prefix: string, tenant: string, scope?: string): Reach | undefined {
  const placeholderIndex = (name?: string) => (name === undefined ? -1 : parts.findIndex((p) => 'placeholder' in p && p.placeholder === name));
  const tenantAt = placeholderIndex(tenant);
  const scopeAt = placeholderIndex(scope);
  const fixed: Record<string, string> = {};
  const placeholderReach = (k: number): WildcardReach => {
    if (k <= tenantAt) return 'tenant';
    if (scopeAt >= 0 && k <= scopeAt) return 'scope';
    return 'inner';
  };
  const textReach = (k: number): WildcardReach => {
    const next = parts.findIndex((p, i) => i > k && 'placeholder' in p);
    let previous = -1;
    parts.forEach((p, i) => {
      if (i < k && 'placeholder' in p) previous = i;
    });
    if (tenantAt >= 0 && previous < tenantAt) return 'tenant';
    if (scopeAt >= 0 && next === scopeAt) return 'scope';
    if (scopeAt >= 0 && previous === scopeAt) return 'context';
    return 'inner';
  };
  let pos = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const rest = prefix.slice(pos);
    if ('text' in part) {
      if (rest.length >= part.text.length) {
        if (!rest.startsWith(part.text)) return undefined;
        pos += part.text.length;
        continue;
      }
      return part.text.startsWith(rest) ? { reach: textReach(k), fixed } : undefined;
    }
    const start = pos;
    while (pos < prefix.length && !part.excludes.includes(prefix[pos])) pos++;
    if (pos === prefix.length) return { reach: placeholderReach(k), fixed, partial: pos > start ? prefix.slice(start) : undefined };
    if (pos === start) return undefined;
    fixed[part.placeholder] = prefix.slice(start, pos);
  }
  return pos === prefix.length ? { reach: 'inner', fixed } : undefined;
}

/** Whether a StringLike pattern (or an exact value) matches one concrete string. */
export function patternMatches(value: string, candidate: string, wildcards: boolean, ignoreCase = false): boolean {
  const pattern = ignoreCase ? value.toLowerCase() : value;
  const compared = ignoreCase ? candidate.toLowerCase() : candidate;
  // No wildcard and no escape: every character stands for itself.
  if (!wildcards || !/[*?]|\$\{/.test(pattern)) return pattern === compared;
  return patternRegExp(pattern).test(compared);
}

/** StringLike patterns as regular expressions, each compiled once. */
const patternRegExp = memoizeByText(
  (pattern: string): RegExp => {
    const body = patternTokens(pattern, true)
      .map((t) => ('star' in t ? '.*' : 'one' in t ? '.' : t.char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return new RegExp(`^${body}$`, 's');
  },
  { limit: 1000, freeze: false },
);

/** `*`, `**`: a pattern that matches every value, the empty one included. */
export function matchesEverything(value: string): boolean {
  const tokens = patternTokens(value, true);
  return tokens.length > 0 && tokens.every((t) => 'star' in t);
}
