import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getAt } from './draft-model.ts';
import { useDraft } from './use-draft.ts';

/**
 * The form controls of the settings view. Each is bound to one field of the draft by its
 * path ("services[3].prefix"), which is also its `name`; its problem shows right under it.
 */

export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9]+/g, '_')}`;

interface FrameProps {
  path: string;
  label: string;
  hint?: string;
  /** Marked 选填 beside the label. */
  optional?: boolean;
  optionalText?: string;
  wide?: boolean;
  /** In a table row the column heading names the field: the label is for screen readers only. */
  hideLabel?: boolean;
  children: ComponentChildren;
}

/** Label, control, then either the problem (red) or the hint (grey). */
export function FieldFrame({ path, label, hint, optional, optionalText, wide, hideLabel, children }: FrameProps) {
  const { errorAt } = useDraft();
  const error = errorAt(path);
  const id = fieldId(path);
  return (
    <div class={`mgr-field${wide ? ' mgr-field--wide' : ''}${error ? ' has-error' : ''}`} data-field={path}>
      <label class={hideLabel ? 'visually-hidden' : 'mgr-field__label'} for={id}>
        {label}
        {optional && optionalText && <span class="mgr-field__optional">{optionalText}</span>}
      </label>
      {children}
      {error ? (
        <p class="mgr-field__error" id={`${id}-msg`} role="alert" data-error-for={path}>
          {error}
        </p>
      ) : (
        hint && (
          <p class="mgr-field__hint" id={`${id}-msg`}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** The problem of a field that has no control of its own (a list, a row). */
export function FieldError({ path }: { path: string }) {
  const error = useDraft().errorAt(path);
  return error ? (
    <p class="mgr-field__error" role="alert" data-error-for={path}>
      {error}
    </p>
  ) : null;
}

type Common = Omit<FrameProps, 'children'> & { placeholder?: string; readOnly?: boolean };

const aria = (path: string, invalid: boolean) => ({ id: fieldId(path), name: path, 'aria-invalid': invalid ? ('true' as const) : undefined, 'aria-describedby': `${fieldId(path)}-msg` });

/** Text; empty clears an optional field rather than storing "". `upper` capitalises as one types (ticket prefixes). */
export function TextField({ upper, maxLength, inputMode, ...p }: Common & { upper?: boolean; maxLength?: number; inputMode?: 'text' | 'url' }) {
  const d = useDraft();
  const value = getAt(d.draft, p.path);
  return (
    <FieldFrame {...p}>
      <input
        {...aria(p.path, !!d.errorAt(p.path))}
        class={`mgr-input${upper ? ' mgr-input--code' : ''}`}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        spellcheck={false}
        value={typeof value === 'string' ? value : ''}
        placeholder={p.placeholder}
        readOnly={p.readOnly}
        maxLength={maxLength}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          const v = upper ? raw.toUpperCase() : raw;
          if (v !== raw) e.currentTarget.value = v;
          d.set(p.path, v === '' && p.optional ? undefined : v);
        }}
      />
    </FieldFrame>
  );
}

export function TextArea(p: Common & { rows?: number; maxLength?: number }) {
  const d = useDraft();
  const value = getAt(d.draft, p.path);
  return (
    <FieldFrame {...p}>
      <textarea
        {...aria(p.path, !!d.errorAt(p.path))}
        class="mgr-input mgr-input--area"
        rows={p.rows ?? 3}
        maxLength={p.maxLength}
        placeholder={p.placeholder}
        value={typeof value === 'string' ? value : ''}
        onInput={(e) => d.set(p.path, e.currentTarget.value === '' && p.optional ? undefined : e.currentTarget.value)}
      />
    </FieldFrame>
  );
}

const numberText = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

/** A number typed as text (no browser spinner); what is not a number is kept as NaN, so the schema names it. */
/**
 * A number typed as text (so "abc" can be named as not a number). Keyed by its path: the
 * same form showing another item starts from that item's value, never the last one's.
 */
export function NumberField(props: Common & { unit?: string }) {
  return <NumberInput key={props.path} {...props} />;
}

function NumberInput({ unit, ...p }: Common & { unit?: string }) {
  const d = useDraft();
  const value = getAt(d.draft, p.path);
  const [text, setText] = useState(numberText(value));
  // Follow the draft when it changes from elsewhere (discard, a reload), not while typing.
  useEffect(() => {
    const typed = text.trim() === '' ? undefined : Number(text.trim());
    if (!(typed === value || (typed !== undefined && Number.isNaN(typed) && Number.isNaN(value as number)))) setText(numberText(value));
  }, [value]);
  return (
    <FieldFrame {...p}>
      <span class="mgr-input-unit">
        <input
          {...aria(p.path, !!d.errorAt(p.path))}
          class="mgr-input mgr-input--number"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder={p.placeholder}
          value={text}
          onInput={(e) => {
            const raw = e.currentTarget.value;
            setText(raw);
            const trimmed = raw.trim();
            // Empty clears the field (the schema says 必填 where it is required); "abc" is NaN (请输入数字).
            d.set(p.path, trimmed === '' ? undefined : Number(trimmed));
          }}
        />
        {unit && <span class="mgr-input-unit__unit">{unit}</span>}
      </span>
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A choice from a list; `empty` offers "none", which clears an optional field. */
export function SelectField({ options, empty, ...p }: Common & { options: Option[]; empty?: string }) {
  const d = useDraft();
  const value = getAt(d.draft, p.path);
  const current = typeof value === 'string' ? value : '';
  // A value the list does not know (a removed department) stays visible as itself.
  const known = current === '' || options.some((o) => o.value === current);
  return (
    <FieldFrame {...p}>
      <select {...aria(p.path, !!d.errorAt(p.path))} class="mgr-select" value={current} onChange={(e) => d.set(p.path, e.currentTarget.value === '' ? undefined : e.currentTarget.value)}>
        {(empty !== undefined || current === '') && <option value="">{empty ?? '—'}</option>}
        {!known && <option value={current}>{current}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** One of a few choices as a segmented control. */
export function ChoiceField({ options, ...p }: Omit<Common, 'placeholder'> & { options: Option[] }) {
  const d = useDraft();
  const value = getAt(d.draft, p.path);
  return (
    <FieldFrame {...p}>
      <div class="mgr-segmented mgr-segmented--field" role="radiogroup" aria-label={p.label} id={fieldId(p.path)} data-name={p.path}>
        {options.map((o) => (
          <button key={o.value} type="button" role="radio" aria-checked={o.value === value} class={o.value === value ? 'is-active' : undefined} data-value={o.value} onClick={() => d.set(p.path, o.value)}>
            {o.label}
          </button>
        ))}
      </div>
    </FieldFrame>
  );
}

/** On or off, with what each means spelled out beside the switch. */
export function Switch({ checked, label, onChange, name, disabled }: { checked: boolean; label: string; onChange: (on: boolean) => void; name?: string; disabled?: boolean }) {
  return (
    <label class={`mgr-switch${disabled ? ' is-disabled' : ''}`}>
      <input type="checkbox" role="switch" name={name} checked={checked} disabled={disabled} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span class="mgr-switch__track" aria-hidden="true">
        <span class="mgr-switch__thumb" />
      </span>
      <span class="mgr-switch__label">{label}</span>
    </label>
  );
}

/** A titled group of fields in a grid. */
export function FieldGroup({ title, note, children, columns = 3 }: { title?: string; note?: ComponentChildren; children: ComponentChildren; columns?: 2 | 3 | 4 }) {
  return (
    <section class="mgr-fieldset">
      {title && <h3 class="mgr-fieldset__title">{title}</h3>}
      {note && <p class="mgr-fieldset__note">{note}</p>}
      <div class={`mgr-form-grid mgr-form-grid--${columns}`}>{children}</div>
    </section>
  );
}
