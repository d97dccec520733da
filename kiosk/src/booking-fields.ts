import { idCheckCharacter } from '../../shared/appointments.ts';

/**
 * The booking form's fields, checked on the phone as the citizen types (the server checks
 * them again). Each check names what is wrong, so the page can say it at that field.
 */

export type NameProblem = 'nameMissing' | 'nameTooLong';
export type PhoneProblem = 'phoneMissing' | 'phoneDigits' | 'phoneStart' | 'phoneLength';
export type IdProblem = 'idChars' | 'idLength' | 'idBirth' | 'idCheck';

/** What a field holds once spaces (and the dashes some people type in a number) are taken out. */
export function compact(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** As the server takes it. */
export const NAME_MAX = 20;

export function nameProblem(name: string): NameProblem | undefined {
  const n = name.trim();
  if (!n) return 'nameMissing';
  if ([...n].length > NAME_MAX) return 'nameTooLong';
  return undefined;
}

/**
 * A mainland mobile number: 11 digits, 1 then 3–9. `typing` leaves a number that is
 * right so far but not yet complete alone, so nobody is scolded halfway through it.
 */
export function phoneProblem(value: string, typing = false): PhoneProblem | undefined {
  const v = compact(value);
  if (!v) return typing ? undefined : 'phoneMissing';
  if (!/^\d+$/.test(v)) return 'phoneDigits';
  if (v[0] !== '1' || (v.length > 1 && !/[3-9]/.test(v[1]))) return 'phoneStart';
  if (v.length > 11 || (!typing && v.length < 11)) return 'phoneLength';
  return undefined;
}


/**
 * An 18-character 居民身份证 number (optional: empty is fine): 17 digits, a birth date
 * that exists, then the check character (a digit or X). With `typing`, an incomplete
 * number is only checked for what it already holds.
 */
export function idNumberProblem(value: string, typing = false): IdProblem | undefined {
  const v = compact(value).toUpperCase();
  if (!v) return undefined;
  if (!/^\d{0,17}[\dX]?$/.test(v)) return 'idChars';
  if (v.length < 18) return typing ? undefined : 'idLength';
  const [y, m, d] = [Number(v.slice(6, 10)), Number(v.slice(10, 12)), Number(v.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return 'idBirth';
  if (idCheckCharacter(v) !== v[17]) return 'idCheck';
  return undefined;
}

/** What goes to the server: the number without spaces, a lower-case x made upper. */
export function normalIdNumber(value: string): string {
  return compact(value).toUpperCase();
}
