import { useRef, useState } from 'preact/hooks';
import type { BookingInput } from '../appointments-api.ts';
import { compact, idNumberProblem, NAME_MAX, nameProblem, normalIdNumber, phoneProblem } from '../booking-fields.ts';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export type Field = 'name' | 'phone' | 'idNumber';

/** A refusal from the server, said at its field when it names one. */
export interface Refusal {
  field?: Field;
  text: string;
}

type Values = Record<Field, string>;
type Problems = Partial<Record<Field, string>>;

interface Props {
  t: T;
  /** Books; answers a refusal to show here, or nothing when the page has moved on. */
  onSubmit: (input: Omit<BookingInput, 'serviceId' | 'start'>) => Promise<Refusal | undefined>;
}

const ORDER: Field[] = ['name', 'phone', 'idNumber'];

/**
 * Step 4: who is coming. Each field is checked as it is typed and says what is wrong at
 * the field itself (a number only half typed is left alone until the field is left).
 */
export function BookForm({ t, onSubmit }: Props) {
  const [values, setValues] = useState<Values>({ name: '', phone: '', idNumber: '' });
  const [problems, setProblems] = useState<Problems>({});
  const [refusal, setRefusal] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const check = (field: Field, value: string, typing: boolean): string | undefined => {
    const p = field === 'name' ? (typing ? undefined : nameProblem(value)) : field === 'phone' ? phoneProblem(value, typing) : idNumberProblem(value, typing);
    return p && t(p);
  };

  const edit = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setProblems((p) => ({ ...p, [field]: check(field, value, true) }));
    setRefusal(undefined);
  };
  const leave = (field: Field) => {
    // An empty field left on the way to another is not yet a mistake; submitting says so.
    if (!values[field].trim()) return;
    setProblems((p) => ({ ...p, [field]: check(field, values[field], false) }));
  };

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const found: Problems = {};
    for (const f of ORDER) found[f] = check(f, values[f], false);
    setProblems(found);
    const first = ORDER.find((f) => found[f]);
    if (first) {
      setRefusal(t('bookFixFields'));
      form.current?.querySelector<HTMLInputElement>(`[name=${first}]`)?.focus();
      return;
    }
    setBusy(true);
    setRefusal(undefined);
    const id = normalIdNumber(values.idNumber);
    const answer = await onSubmit({ name: values.name.trim(), phone: compact(values.phone), ...(id ? { idNumber: id } : {}) });
    setBusy(false);
    if (!answer) return;
    if (answer.field) {
      setProblems((p) => ({ ...p, [answer.field!]: answer.text }));
      form.current?.querySelector<HTMLInputElement>(`[name=${answer.field}]`)?.focus();
    } else setRefusal(answer.text);
  }

  const field = (name: Field, label: string, attrs: Record<string, string | number | boolean>, optional = false) => {
    const problem = problems[name];
    return (
      <div class={`book-field${problem ? ' book-field--wrong' : ''}`} data-field={name}>
        <label class="book-field__label" for={`book-${name}`}>
          {label}
          {optional && <span class="book-field__optional">{t('bookOptional')}</span>}
        </label>
        <input
          id={`book-${name}`}
          name={name}
          class="book-field__input"
          value={values[name]}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? `book-${name}-problem` : undefined}
          onInput={(e) => edit(name, e.currentTarget.value)}
          onBlur={() => leave(name)}
          disabled={busy}
          {...attrs}
        />
        {problem && (
          <p class="book-field__problem" id={`book-${name}-problem`} role="alert">
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <form class="book-form" ref={form} onSubmit={submit} noValidate>
      {field('name', t('bookName'), { type: 'text', autocomplete: 'name', maxLength: NAME_MAX, placeholder: t('bookNamePlaceholder') })}
      {field('phone', t('bookPhone'), { type: 'tel', inputMode: 'numeric', autocomplete: 'tel-national', maxLength: 13, placeholder: t('bookPhonePlaceholder') })}
      {field('idNumber', t('bookIdNumber'), { type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: false, maxLength: 21, placeholder: t('bookIdPlaceholder') }, true)}
      <p class="book-privacy">{t('bookPrivacy')}</p>
      {refusal && (
        <p class="phone-error" role="alert" data-testid="book-refusal">
          {refusal}
        </p>
      )}
      <button type="submit" class="phone-button phone-button--primary book-submit" disabled={busy} aria-busy={busy}>
        {busy ? t('bookSubmitting') : t('bookSubmit')}
      </button>
    </form>
  );
}
