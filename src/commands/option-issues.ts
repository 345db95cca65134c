import { z } from 'zod';

type Issue = { path: readonly PropertyKey[]; message: string };

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  date: 'a date',
  array: 'a list',
  object: 'a set of options',
};

const FORMATS: Record<string, string> = {
  date: 'a date like 2026-11-25',
  datetime: 'a date and time like 2026-11-25T09:00:00Z',
  url: 'a web address starting with https://',
  email: 'an email address',
};

const quantity = (count: number | bigint, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;

/**
 * Zod's default issues in plain words, as a per-parse error map. A schema's own message always wins (zod ranks it
 * above this map), so schemas keep their specific hints and only the defaults (`Too small: expected string to have
 * >=1 characters`, `Invalid ISO date`, `expected string, received undefined`) are replaced.
 */
export const plainWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is missing' : `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'cannot be empty' : `must be at least ${quantity(issue.minimum, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${quantity(issue.minimum, 'item')}`;
      return `must be ${String(issue.minimum)} or more`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${quantity(issue.maximum, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `takes at most ${quantity(issue.maximum, 'item')}`;
      return `must be ${String(issue.maximum)} or less`;
    case 'invalid_format':
      return `must be ${FORMATS[issue.format] ?? `in the ${issue.format} format`}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? String(issue.values[0]) : `one of ${issue.values.map(String).join(', ')}`}`;
    case 'unrecognized_keys':
      return `unknown option${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
    default:
      return 'is not valid';
  }
};

/** `schema.safeParse(value)` with `plainWords` for the issues the schema has no message for. */
export function parsePlainly<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(value, { error: plainWords });
}

/** Every issue as `field message` (`title cannot be empty`), joined by `; `; an issue on the whole value names `whole`. */
export function describeIssues(issues: readonly Issue[], whole: string): string {
  return issues.map((issue) => `${issue.path.join('.') || whole} ${issue.message}`).join('; ');
}

/**
 * One sentence for the first issue, naming the option as the caller's platform spells it (`Option "bullets"` in
 * Discord and the console, `--bullets` in the CLI): `Option "bullets": must be 3 to 6`. A missing or empty option
 * also says what it takes, from `describe` (the option's description).
 */
export function describeBadOption(
  issues: readonly Issue[],
  naming: { label?: (option: string) => string; describe?: (option: string) => string | undefined } = {},
): string {
  const [first] = issues;
  if (first === undefined) return 'One of the options is not valid.';
  const option = first.path[0];
  const message = first.message.replace(/\.$/, '');
  if (option === undefined) return `${message.charAt(0).toUpperCase()}${message.slice(1)}`;
  const name = String(option);
  const label = naming.label?.(name) ?? `Option "${name}"`;
  const isUnfilled = message === 'is missing' || message === 'cannot be empty';
  const hint = isUnfilled ? naming.describe?.(name) : undefined;
  return `${label}: ${message}${hint === undefined ? '' : ` (${hint.replace(/\.$/, '')})`}`;
}
