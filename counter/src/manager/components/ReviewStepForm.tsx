import { useState } from 'preact/hooks';
import type { ReviewStepKind } from '../../../../shared/types.ts';
import { ApiError } from '../../../../shared/ui/api.ts';
import { useT } from '../../use-t.ts';
import type { ReviewStepInput } from '../manager-api.ts';

type Field = 'note' | 'choice' | 'form';
type Errors = Partial<Record<Field, string>>;

const NOTE_MAX = 1000;

interface Props {
  reviewId: string;
  step: ReviewStepKind;
  /** Sends the step; a refusal comes back as an ApiError to be shown where it belongs. */
  onSubmit: (input: ReviewStepInput) => Promise<void>;
}

/**
 * The form of the step a review waits for: 核实 asks whether the complaint holds, 回访 whether
 * the citizen is satisfied, each with its note; 整改 and 反馈 a note only (the 反馈 is what
 * the citizen reads). Missing answers are said at their field before anything is sent; the
 * server's refusals of a field land at that field too.
 */
export function ReviewStepForm({ reviewId, step, onSubmit }: Props) {
  const t = useT();
  const [note, setNote] = useState('');
  const [choice, setChoice] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const asks = step === 'verify' ? 'valid' : step === 'revisit' ? 'satisfied' : undefined;
  const noteLabel = t(`reviews.form.note.${step}`);
  const id = (what: string) => `rv-${reviewId}-${step}-${what}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const text = note.trim();
    const missing: Errors = {};
    if (asks && choice === undefined) missing.choice = t(`reviews.err.${asks}`);
    if (!text) missing.note = t('reviews.err.note', { what: noteLabel });
    setErrors(missing);
    if (missing.choice || missing.note) return;
    const input: ReviewStepInput = step === 'verify' ? { step, note: text, valid: choice! } : step === 'revisit' ? { step, note: text, satisfied: choice! } : { step, note: text };
    setBusy(true);
    try {
      await onSubmit(input);
    } catch (err) {
      setErrors(placeError(err, t('reviews.err.noteLong')));
    }
    setBusy(false);
  };

  return (
    <form class="mgr-step-form" data-step-form={step} onSubmit={submit} noValidate>
      {asks && (
        <div class={`mgr-field${errors.choice ? ' has-error' : ''}`} data-field={asks}>
          <span class="mgr-field__label" id={id('choice-label')}>
            {t(`reviews.form.${asks}`)}
          </span>
          <div class="mgr-segmented mgr-segmented--field mgr-verdict" role="radiogroup" aria-labelledby={id('choice-label')} aria-invalid={errors.choice ? 'true' : undefined}>
            {[true, false].map((v) => (
              <button
                key={String(v)}
                type="button"
                role="radio"
                aria-checked={choice === v}
                class={`${choice === v ? 'is-active' : ''}${v ? '' : ' is-negative'}`}
                data-value={String(v)}
                onClick={() => {
                  setChoice(v);
                  setErrors((x) => ({ ...x, choice: undefined }));
                }}
              >
                {t(`reviews.${asks}.${v}`)}
              </button>
            ))}
          </div>
          {errors.choice && (
            <p class="mgr-field__error" role="alert" data-error-for={asks}>
              {errors.choice}
            </p>
          )}
        </div>
      )}
      <div class={`mgr-field${errors.note ? ' has-error' : ''}`} data-field="note">
        <label class="mgr-field__label" for={id('note')}>
          {noteLabel}
        </label>
        <textarea
          id={id('note')}
          name="note"
          class="mgr-input mgr-input--area mgr-step-form__note"
          rows={step === 'reply' ? 4 : 3}
          maxLength={NOTE_MAX}
          placeholder={t(`reviews.form.placeholder.${step}`)}
          aria-invalid={errors.note ? 'true' : undefined}
          aria-describedby={id('note-msg')}
          value={note}
          onInput={(e) => {
            setNote(e.currentTarget.value);
            if (errors.note) setErrors((x) => ({ ...x, note: undefined }));
          }}
        />
        {errors.note ? (
          <p class="mgr-field__error" id={id('note-msg')} role="alert" data-error-for="note">
            {errors.note}
          </p>
        ) : (
          step === 'reply' && (
            <p class="mgr-step-form__hint" id={id('note-msg')}>
              <strong class="mgr-step-form__hint-tag">{t('reviews.form.replyVisible')}</strong>
              {t('reviews.form.replyHint')}
            </p>
          )
        )}
      </div>
      <div class="mgr-step-form__actions">
        {errors.form && (
          <p class="mgr-field__error" role="alert" data-error-for="form">
            {errors.form}
          </p>
        )}
        <button type="submit" class="mgr-btn mgr-btn--primary" disabled={busy}>
          {busy ? t('reviews.form.submitting') : t(`reviews.form.submit.${step}`)}
        </button>
      </div>
    </form>
  );
}

/** A refusal at the field it names: the choice (valid / satisfied), the note, or else under the button. */
function placeError(err: unknown, noteInvalid: string): Errors {
  if (!(err instanceof ApiError)) return { form: String(err) };
  // The server says "field: message"; the field is shown by where the message stands.
  const message = err.field ? err.message.replace(`${err.field}: `, '') : err.message;
  if (err.field === 'valid' || err.field === 'satisfied') return { choice: message };
  // The schema's own words are English; the rule is simple enough to say in ours.
  if (err.field === 'note') return { note: noteInvalid };
  return { form: message };
}
