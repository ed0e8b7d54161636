/**
 * Remembered answers to the questions many rules ask of the same values: what a principal ARN
 * means, which federated providers a policy trusts. Seventy rules each asking afresh made analysis
 * cost many times the parse; asked once, the answer is shared. Shared answers are frozen, so a
 * caller that tried to change one would fail loudly instead of changing what the next rule reads.
 */

/** Freezes an answer and the lists directly inside it (callers read them, never change them). */
function frozen<V>(value: V): V {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const field of Object.values(value)) if (Array.isArray(field)) Object.freeze(field);
  return Object.freeze(value);
}

/**
 * A pure function of a string, answering each string once. At most `limit` answers are kept; when
 * full, all are forgotten, so a file with more distinct values costs memory only up to the limit.
 * `freeze: false` for answers that are entries of a catalogue, which belong to the catalogue.
 */
export function memoizeByText<V>(fn: (text: string) => V, { limit = 5000, freeze = true } = {}): (text: string) => V {
  const answers = new Map<string, V>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined && !answers.has(text)) {
      answer = fn(text);
      if (freeze) answer = frozen(answer);
      if (answers.size >= limit) answers.clear();
      answers.set(text, answer);
    }
    return answer as V;
  };
}

/**
 * A pure function of one value (a policy, a file's text), remembering its answer for the last value
 * it was asked about (by identity). Validation runs every rule on one policy before the next, so
 * one entry serves them all; it is not a WeakMap over every policy, whose entries make the garbage
 * collector keep short-lived trees longer (measured: slower than computing twice).
 */
export function memoizeLast<K, V>(fn: (key: K) => V): (key: K) => V {
  let lastKey: K | undefined;
  let lastAnswer: V;
  return (key) => {
    if (key !== lastKey) {
      lastAnswer = frozen(fn(key));
      lastKey = key;
    }
    return lastAnswer;
  };
}
