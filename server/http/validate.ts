import type { z } from 'zod';
import { formatPath } from '../../shared/config-schema.ts';
import { fail } from '../../shared/errors.ts';

/** Parse input with a schema; the 400 names the first offending field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = formatPath(issue.path) || where;
  return fail('INVALID_INPUT', `${field}: ${issue.message}`, field);
}
