/**
 * The one check every piece of text a client sends passes before any resolver runs
 * (InputValidationPipe applies it to every string argument, at any depth, so a new input
 * type is covered without anyone remembering a decorator). PostgreSQL refuses NUL; a lone
 * UTF-16 surrogate cannot be stored as UTF-8; whitespace-only text looks like content but
 * says nothing. Each is the client's mistake, so it answers BAD_USER_INPUT, never a 500.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `value` cannot be accepted as text, or null when it can. An empty string is left to each field's own rules. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it contains a lone surrogate)';
  if (value.length > 0 && value.trim().length === 0) return 'must not be only whitespace';
  return null;
}

export interface TextProblem {
  /** Argument path, e.g. `input.newGoal.text` or `input.goalIds.2`. */
  field: string;
  message: string;
}

/** The first string inside `value` (an argument, walked depth first) that is not acceptable text. */
export function findTextProblem(value: unknown, path: string, depth = 0): TextProblem | null {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field: path, message } : null;
  }
  // Input nesting is bounded by the schema; the depth guard only protects against cycles.
  if (value === null || typeof value !== 'object' || depth > 20) return null;
  if (value instanceof Date) return null;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    const problem = findTextProblem(item, path ? `${path}.${key}` : key, depth + 1);
    if (problem) return problem;
  }
  return null;
}
