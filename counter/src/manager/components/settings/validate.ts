import type { z } from 'zod';
import { formatPath, hallConfigSchema } from '../../../../../shared/config-schema.ts';
import type { Translate } from '../../../use-t.ts';
import type { EditableConfig } from '../../settings-api.ts';
import { getAt, parsePath } from './draft-model.ts';

/**
 * The draft checked by the very schema the server loads the hall with (shared/config-schema.ts),
 * so a form never says yes where the server would say no. The secrets the draft does not
 * hold are filled with stand-ins that pass; each issue is turned into plain words and filed
 * under its field's path ("services[3].prefix").
 */

/** A well-formed scrypt hash that matches no password: it only stands in for the one the server keeps. */
const HASH_STANDIN = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;

export type FieldErrors = Map<string, string>;

function withStandIns(draft: EditableConfig): unknown {
  return {
    ...draft,
    staff: draft.staff.map(({ hasPassword: _, ...s }) => ({ ...s, passwordHash: HASH_STANDIN })),
    // Distinct per device: the schema refuses two devices with one key.
    devices: draft.devices.map((d, i) => ({ ...d, key: `stand-in-device-key-${i}` })),
  };
}

type Issue = z.core.$ZodIssue;

/** The last named segment of a path: "prefix" of services[3].prefix, "serviceIds" of windows[0].serviceIds[2]. */
function fieldName(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

function describe(issue: Issue, value: unknown, t: Translate): string {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined || value === null || value === '') return t('settings.err.required');
      if (issue.expected === 'number') return t('settings.err.number');
      return t('settings.err.invalid');
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? t('settings.err.required') : t('settings.err.minLength', { n });
      if (issue.origin === 'array') return t('settings.err.minItems', { n });
      return issue.inclusive === false ? t('settings.err.above', { n }) : t('settings.err.min', { n });
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return t('settings.err.maxLength', { n });
      if (issue.origin === 'array') return t('settings.err.maxItems', { n });
      return t('settings.err.max', { n });
    }
    case 'invalid_format':
      if (issue.format === 'url') return t('settings.err.url');
      if (field === 'prefix') return t('settings.err.prefix');
      if (field === 'code') return t('settings.err.creditCode');
      if (field === 'holidays' || field === 'workdays') return t('settings.err.date');
      if (issue.path.includes('hours')) return t('settings.err.time');
      return t('settings.err.id');
    case 'invalid_value':
      return t('settings.err.choice');
    case 'custom': {
      const dup = /^duplicate \w+ "(.*)"$/.exec(issue.message);
      if (dup) return t('settings.err.duplicate', { value: dup[1] });
      const unknown = /^unknown (department|service|window|staff) "(.*)"$/.exec(issue.message);
      if (unknown) return t(`settings.err.unknown.${unknown[1] as 'department' | 'service' | 'window' | 'staff'}`, { id: unknown[2] });
      if (/period must end/.test(issue.message)) return t('settings.err.period');
      if (/needs the windowId/.test(issue.message)) return t('settings.err.windowNeeded');
      if (/only a kiosk/.test(issue.message)) return t('settings.err.printerKiosk');
      if (/time zone/.test(issue.message)) return t('settings.err.timezone');
      return issue.message;
    }
    default:
      return issue.message;
  }
}

/**
 * Every problem of the draft by field path, first problem per field. `newPasswords` are the
 * first passwords typed for staff added in this draft (sent once the save went through).
 */
export function validateDraft(draft: EditableConfig, newPasswords: Record<string, string>, t: Translate): FieldErrors {
  const errors: FieldErrors = new Map();
  const candidate = withStandIns(draft);
  const result = hallConfigSchema.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = formatPath(issue.path);
      if (!errors.has(path)) errors.set(path, describe(issue, getAt(candidate, path), t));
    }
  }
  draft.staff.forEach((s, i) => {
    const pw = newPasswords[s.id];
    if (pw === undefined) return;
    const path = `staff[${i}].password`;
    if (pw.length < PASSWORD_MIN) errors.set(path, t('settings.err.passwordShort', { n: PASSWORD_MIN }));
    else if (pw.length > PASSWORD_MAX) errors.set(path, t('settings.err.maxLength', { n: PASSWORD_MAX }));
  });
  return errors;
}

/** Whether `path` is `under` itself or one of its fields or items. */
export function isUnder(path: string, under: string): boolean {
  if (path === under) return true;
  if (!path.startsWith(under)) return false;
  const rest = path.slice(under.length);
  return rest.startsWith('.') || rest.startsWith('[');
}

/** The list item a path points into: "services[3].prefix" → 3 for "services". */
export function itemIndex(path: string, list: string): number | undefined {
  const [head, index] = parsePath(path);
  return head === list && typeof index === 'number' ? index : undefined;
}
