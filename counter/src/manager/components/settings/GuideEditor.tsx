import { useT } from '../../../use-t.ts';
import { FieldError, FieldGroup, NumberField, TextArea, TextField } from './fields.tsx';
import { useDraft } from './use-draft.ts';

/** 办事指南 of one service: what to bring (one line each), what to know, and the promised working days. */
export function GuideEditor({ index }: { index: number }) {
  const t = useT();
  const d = useDraft();
  const base = `services[${index}].guide`;
  const materials = d.draft.services[index].guide?.materials ?? [];

  const addMaterial = () =>
    d.edit((c) => {
      const s = c.services[index];
      s.guide = { ...(s.guide ?? {}), materials: [...(s.guide?.materials ?? []), ''] };
    });
  const removeMaterial = (j: number) =>
    d.edit((c) => {
      c.services[index].guide?.materials.splice(j, 1);
    });

  return (
    <FieldGroup title={t('settings.guide.title')} note={t('settings.guide.note')} columns={2}>
      <div class="mgr-field mgr-field--wide" data-field={`${base}.materials`}>
        <span class="mgr-field__label">{t('settings.guide.materials')}</span>
        <ol class="mgr-lines">
          {materials.map((_, j) => (
            <li key={j} class="mgr-lines__row">
              <span class="mgr-lines__n">{j + 1}</span>
              <TextField path={`${base}.materials[${j}]`} label={t('settings.guide.material', { n: j + 1 })} hideLabel placeholder={t('settings.guide.materialPlaceholder')} maxLength={60} />
              <button type="button" class="mgr-icon-btn" aria-label={t('settings.guide.removeMaterial', { n: j + 1 })} onClick={() => removeMaterial(j)}>
                ×
              </button>
            </li>
          ))}
        </ol>
        <button type="button" class="mgr-btn mgr-btn--small mgr-btn--dashed" onClick={addMaterial} disabled={materials.length >= 20}>
          ＋ {t('settings.guide.addMaterial')}
        </button>
        <FieldError path={`${base}.materials`} />
      </div>
      <TextArea path={`${base}.notes`} label={t('settings.guide.notes')} optional optionalText={t('settings.optional')} maxLength={300} placeholder={t('settings.guide.notesPlaceholder')} />
      <NumberField path={`${base}.promisedDays`} label={t('settings.guide.promisedDays')} optional optionalText={t('settings.optional')} unit={t('settings.unit.workingDays')} hint={t('settings.guide.promisedHint')} />
    </FieldGroup>
  );
}
