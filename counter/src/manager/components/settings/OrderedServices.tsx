import { useT } from '../../../use-t.ts';
import { FieldError } from './fields.tsx';
import { useDraft } from './use-draft.ts';

/**
 * The services a window serves, in order: the order its terminal lists them in. Move one up
 * or down, take one off, or add one from those it does not serve yet (grouped by department).
 */
export function OrderedServices({ index }: { index: number }) {
  const t = useT();
  const d = useDraft();
  const path = `windows[${index}].serviceIds`;
  const ids = d.draft.windows[index].serviceIds;
  const { services, departments } = d.draft;
  const service = (id: string) => services.find((s) => s.id === id);
  const rest = services.filter((s) => !ids.includes(s.id));

  const put = (next: string[]) => d.set(path, next);
  const move = (j: number, by: -1 | 1) => {
    const next = [...ids];
    [next[j], next[j + by]] = [next[j + by], next[j]];
    put(next);
  };

  return (
    <div class={`mgr-field mgr-field--wide${d.errorAt(path) ? ' has-error' : ''}`} data-field={path}>
      <span class="mgr-field__label">{t('settings.windows.services')}</span>
      <ol class="mgr-order" aria-label={t('settings.windows.services')}>
        {ids.map((id, j) => {
          const s = service(id);
          return (
            <li key={id} class={`mgr-order__row${d.errorAt(`${path}[${j}]`) ? ' has-error' : ''}`} data-service={id}>
              <span class="mgr-order__n">{j + 1}</span>
              <span class="mgr-prefix">{s?.prefix || '?'}</span>
              <span class="mgr-order__name">
                {s?.name || id}
                <span class="mgr-cell-sub">{departments.find((x) => x.id === s?.departmentId)?.name ?? ''}</span>
              </span>
              <FieldError path={`${path}[${j}]`} />
              <span class="mgr-order__buttons">
                <button type="button" class="mgr-icon-btn" disabled={j === 0} aria-label={t('settings.windows.up', { name: s?.name ?? id })} onClick={() => move(j, -1)}>
                  ↑
                </button>
                <button type="button" class="mgr-icon-btn" disabled={j === ids.length - 1} aria-label={t('settings.windows.down', { name: s?.name ?? id })} onClick={() => move(j, 1)}>
                  ↓
                </button>
                <button type="button" class="mgr-icon-btn" aria-label={t('settings.windows.takeOff', { name: s?.name ?? id })} onClick={() => put(ids.filter((x) => x !== id))}>
                  ×
                </button>
              </span>
            </li>
          );
        })}
        {ids.length === 0 && <li class="mgr-order__none">{t('settings.windows.noServices')}</li>}
      </ol>
      {rest.length > 0 && (
        <select
          class="mgr-select mgr-select--add"
          name={`${path}.add`}
          aria-label={t('settings.windows.addService')}
          value=""
          onChange={(e) => {
            const v = e.currentTarget.value;
            e.currentTarget.value = '';
            if (v) put([...ids, v]);
          }}
        >
          <option value="">＋ {t('settings.windows.addService')}</option>
          {departments.map((dep) => {
            const mine = rest.filter((s) => s.departmentId === dep.id);
            return mine.length ? (
              <optgroup key={dep.id} label={dep.name || dep.id}>
                {mine.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.prefix} · {s.name || s.id}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </select>
      )}
      <FieldError path={path} />
      <p class="mgr-field__hint">{t('settings.windows.orderHint')}</p>
    </div>
  );
}
