import { getAt } from './draft-model.ts';
import { FieldError, type Option } from './fields.tsx';
import { useDraft } from './use-draft.ts';

interface Props {
  path: string;
  label: string;
  hint?: string;
  /** What may be picked; the picked ones show as chips. */
  options: Option[];
  addLabel: string;
  /** Shown when nothing is picked ("全部", "无"). */
  noneText: string;
}

/** Several ids picked from a list, shown as removable chips. Picking none clears the field. */
export function ChipPicker({ path, label, hint, options, addLabel, noneText }: Props) {
  const d = useDraft();
  const value = getAt(d.draft, path);
  const ids = Array.isArray(value) ? (value as string[]) : [];
  const name = (id: string) => options.find((o) => o.value === id)?.label ?? id;
  const rest = options.filter((o) => !ids.includes(o.value));
  const put = (next: string[]) => d.set(path, next.length ? next : undefined);

  return (
    <div class={`mgr-field mgr-field--wide${d.errorAt(path) ? ' has-error' : ''}`} data-field={path}>
      <span class="mgr-field__label">{label}</span>
      <div class="mgr-chips">
        {ids.map((id, j) => (
          <span key={id} class={`mgr-chip-tag${d.errorAt(`${path}[${j}]`) ? ' has-error' : ''}`} data-id={id}>
            {name(id)}
            <button type="button" aria-label={`${addLabel}: ${name(id)} ×`} onClick={() => put(ids.filter((x) => x !== id))}>
              ×
            </button>
          </span>
        ))}
        {ids.length === 0 && <span class="mgr-chips__none">{noneText}</span>}
        {rest.length > 0 && (
          <select
            class="mgr-select mgr-select--chip"
            name={`${path}.add`}
            aria-label={addLabel}
            value=""
            onChange={(e) => {
              const v = e.currentTarget.value;
              e.currentTarget.value = '';
              if (v) put([...ids, v]);
            }}
          >
            <option value="">＋ {addLabel}</option>
            {rest.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </div>
      {ids.map((_, j) => (
        <FieldError key={j} path={`${path}[${j}]`} />
      ))}
      <FieldError path={path} />
      {hint && <p class="mgr-field__hint">{hint}</p>}
    </div>
  );
}
