import { useT } from '../../../use-t.ts';
import { FieldGroup, NumberField, Switch } from './fields.tsx';
import { useDraft } from './use-draft.ts';

/** The booking defaults a service starts with when it begins to take appointments (SPEC §11). */
const DEFAULTS = { slotMinutes: 30, perSlot: 2, daysAhead: 7, cancelHoursBefore: 2, earlyMinutes: 30, lateMinutes: 15 };

/** Whether a service takes bookings (预约), and its slots and allowances. */
export function AppointmentSettings({ index }: { index: number }) {
  const t = useT();
  const d = useDraft();
  const path = `services[${index}].appointments`;
  const on = d.draft.services[index]?.appointments !== undefined;
  return (
    <FieldGroup title={t('settings.appointments.title')} columns={3} note={<Switch checked={on} name={`${path}.on`} label={t('settings.appointments.on')} onChange={(v) => d.set(path, v ? { ...DEFAULTS } : undefined)} />}>
      {on && (
        <>
          <NumberField path={`${path}.slotMinutes`} label={t('settings.appointments.slotMinutes')} unit={t('unit.min')} />
          <NumberField path={`${path}.perSlot`} label={t('settings.appointments.perSlot')} unit={t('settings.unit.people')} />
          <NumberField path={`${path}.daysAhead`} label={t('settings.appointments.daysAhead')} unit={t('settings.unit.days')} />
          <NumberField path={`${path}.cancelHoursBefore`} label={t('settings.appointments.cancelHoursBefore')} unit={t('settings.unit.hoursBefore')} />
          <NumberField path={`${path}.earlyMinutes`} label={t('settings.appointments.earlyMinutes')} unit={t('unit.min')} />
          <NumberField path={`${path}.lateMinutes`} label={t('settings.appointments.lateMinutes')} unit={t('unit.min')} hint={t('settings.appointments.lateHint')} />
        </>
      )}
    </FieldGroup>
  );
}
