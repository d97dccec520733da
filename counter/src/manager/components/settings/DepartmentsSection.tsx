import { useT } from '../../../use-t.ts';
import { freeId } from './draft-model.ts';
import { FieldError, TextField } from './fields.tsx';
import { useDraft } from './use-draft.ts';

/**
 * 单位/部门: one row each, edited in place. A department still named by a service, a window or
 * a staff member cannot be removed (the row says by how many); a new one gets a free id.
 */
export function DepartmentsSection() {
  const t = useT();
  const d = useDraft();
  const { departments, services, windows, staff } = d.draft;

  const add = () =>
    d.edit((c) => {
      c.departments.push({ id: freeId('dept', c.departments.map((x) => x.id)), name: '' });
    });

  return (
    <section class="mgr-panel mgr-settings-panel" aria-label={t('settings.tab.departments')}>
      <header class="mgr-panel__head">
        <h2 class="mgr-panel__title">{t('settings.tab.departments')}</h2>
        <div class="mgr-panel__aside">
          <span class="mgr-muted">{t('settings.count', { n: departments.length })}</span>
          <button type="button" class="mgr-btn mgr-btn--small" onClick={add} data-testid="add-departments">
            <span class="mgr-btn__icon" aria-hidden="true">
              ＋
            </span>
            {t('settings.departments.add')}
          </button>
        </div>
      </header>
      <FieldError path="departments" />
      <div class="mgr-table-wrap">
        <table class="mgr-table mgr-table--edit">
          <thead>
            <tr>
              <th style="width: 14%">{t('settings.field.id')}</th>
              <th style="width: 22%">{t('settings.field.name')}</th>
              <th style="width: 20%">{t('settings.field.nameEn')}</th>
              <th style="width: 21%">{t('settings.departments.code')}</th>
              <th>{t('settings.departments.use')}</th>
              <th aria-label={t('settings.actions')} />
            </tr>
          </thead>
          <tbody>
            {departments.map((dep, i) => {
              const uses = { s: services.filter((s) => s.departmentId === dep.id).length, w: windows.filter((w) => w.departmentId === dep.id).length, p: staff.filter((s) => s.departmentId === dep.id).length };
              const inUse = uses.s + uses.w + uses.p > 0;
              const fresh = d.isNew('departments', dep.id);
              return (
                <tr key={i} data-row={dep.id} class={fresh ? 'is-new' : undefined}>
                  <td>
                    <TextField path={`departments[${i}].id`} label={t('settings.field.id')} hideLabel readOnly={!fresh} />
                  </td>
                  <td>
                    <TextField path={`departments[${i}].name`} label={t('settings.field.name')} hideLabel placeholder={t('settings.departments.namePlaceholder')} />
                  </td>
                  <td>
                    <TextField path={`departments[${i}].nameEn`} label={t('settings.field.nameEn')} hideLabel optional placeholder={t('settings.optional')} />
                  </td>
                  <td>
                    <TextField path={`departments[${i}].code`} label={t('settings.departments.code')} hideLabel optional upper maxLength={18} placeholder={t('settings.departments.codePlaceholder')} />
                  </td>
                  <td class="mgr-uses">{inUse ? t('settings.departments.uses', { s: uses.s, w: uses.w, p: uses.p }) : <span class="mgr-muted">{t('settings.departments.unused')}</span>}</td>
                  <td class="mgr-row-actions">
                    <button
                      type="button"
                      class="mgr-btn mgr-btn--small mgr-btn--quiet-danger"
                      disabled={inUse}
                      title={inUse ? t('settings.departments.cannotRemove') : undefined}
                      onClick={() => d.edit((c) => c.departments.splice(i, 1))}
                      data-action="remove"
                    >
                      {t('settings.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="mgr-formula">{t('settings.departments.note')}</p>
    </section>
  );
}
