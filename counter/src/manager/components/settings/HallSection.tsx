import { useT } from '../../../use-t.ts';
import { DateList } from './DateList.tsx';
import { FieldGroup, NumberField, TextField } from './fields.tsx';
import { HoursEditor } from './HoursEditor.tsx';
import { useDraft } from './use-draft.ts';

/** 大厅与时间: the hall's names, ticketing and attendance rules, weekly hours, holidays and 调休 working days. */
export function HallSection({ today }: { today?: string }) {
  const t = useT();
  const d = useDraft();
  const optional = t('settings.optional');
  return (
    <div class="mgr-settings-stack">
      <div class="mgr-settings-columns mgr-settings-columns--even">
        <section class="mgr-panel mgr-settings-panel" aria-label={t('settings.hall.title')}>
          <header class="mgr-panel__head">
            <h2 class="mgr-panel__title">{t('settings.hall.title')}</h2>
            <span class="mgr-muted">{t('settings.hall.zone', { zone: d.draft.hall.timezone })}</span>
          </header>
          <FieldGroup columns={2}>
            <TextField path="hall.name" label={t('settings.hall.name')} />
            <TextField path="hall.nameEn" label={t('settings.field.nameEn')} optional optionalText={optional} />
            <TextField path="hall.publicUrl" label={t('settings.hall.publicUrl')} optional optionalText={optional} inputMode="url" placeholder="https://" hint={t('settings.hall.publicUrlHint')} wide />
          </FieldGroup>
        </section>
        <section class="mgr-panel mgr-settings-panel" aria-label={t('settings.hall.rulesTitle')}>
          <header class="mgr-panel__head">
            <h2 class="mgr-panel__title">{t('settings.hall.rulesTitle')}</h2>
          </header>
          <FieldGroup columns={2}>
            <NumberField path="hall.ticketing.openEarlyMinutes" label={t('settings.hall.openEarly')} unit={t('unit.min')} hint={t('settings.hall.openEarlyHint')} />
            <NumberField path="hall.ticketing.stopBeforeCloseMinutes" label={t('settings.hall.stopBefore')} unit={t('unit.min')} hint={t('settings.hall.stopBeforeHint')} />
            <NumberField path="hall.lateGraceMinutes" label={t('settings.hall.lateGrace')} unit={t('unit.min')} hint={t('settings.hall.lateGraceHint')} />
            <NumberField path="hall.noShowAfterSeconds" label={t('settings.hall.noShowAfter')} unit={t('settings.unit.seconds')} hint={t('settings.hall.noShowAfterHint')} />
          </FieldGroup>
        </section>
      </div>
      <section class="mgr-panel mgr-settings-panel" aria-label={t('settings.hours.title')}>
        <header class="mgr-panel__head">
          <h2 class="mgr-panel__title">{t('settings.hours.title')}</h2>
          <span class="mgr-muted">{t('settings.hours.note')}</span>
        </header>
        <HoursEditor />
      </section>
      <div class="mgr-settings-columns mgr-settings-columns--even">
        <DateList which="holidays" title={t('settings.dates.holidays')} hint={t('settings.dates.holidaysHint')} today={today} />
        <DateList which="workdays" title={t('settings.dates.workdays')} hint={t('settings.dates.workdaysHint')} today={today} />
      </div>
    </div>
  );
}
