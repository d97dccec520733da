import { useT } from '../../../use-t.ts';
import { FieldGroup, NumberField } from './fields.tsx';
import { useDraft } from './use-draft.ts';

const WEIGHTS = ['volume', 'satisfaction', 'serviceLevel', 'attendance'] as const;

/** 规则: bad-review deadline, the ranking's weights and minimum volume, and the protective limits. */
export function RulesSection() {
  const t = useT();
  const d = useDraft();
  const r = d.draft.rankings;
  const sum = WEIGHTS.reduce((a, k) => a + (Number.isFinite(r[k]) ? r[k] : 0), 0);
  const share = (k: (typeof WEIGHTS)[number]) => (sum > 0 && Number.isFinite(r[k]) ? `${Math.round((r[k] / sum) * 100)}%` : '—');

  return (
    <div class="mgr-settings-stack">
      <div class="mgr-settings-columns mgr-settings-columns--even">
        <section class="mgr-panel mgr-settings-panel" aria-label={t('settings.rules.reviews')}>
          <header class="mgr-panel__head">
            <h2 class="mgr-panel__title">{t('settings.rules.reviews')}</h2>
          </header>
          <FieldGroup columns={2}>
            <NumberField path="reviews.deadlineWorkingDays" label={t('settings.rules.deadline')} unit={t('settings.unit.workingDays')} hint={t('settings.rules.deadlineHint')} />
          </FieldGroup>
          <FieldGroup columns={3} title={t('settings.rules.noShows')}>
            <NumberField path="appointmentRules.noShowLimit" label={t('settings.rules.noShowLimit')} unit={t('settings.unit.times')} />
            <NumberField path="appointmentRules.noShowDays" label={t('settings.rules.noShowDays')} unit={t('settings.unit.days')} />
            <NumberField path="appointmentRules.blockDays" label={t('settings.rules.blockDays')} unit={t('settings.unit.days')} />
          </FieldGroup>
        </section>
        <section class="mgr-panel mgr-settings-panel" aria-label={t('settings.rules.rankings')}>
          <header class="mgr-panel__head">
            <h2 class="mgr-panel__title">{t('settings.rules.rankings')}</h2>
          </header>
          <FieldGroup columns={4} note={t('settings.rules.weightsNote')}>
            {WEIGHTS.map((k) => (
              <NumberField key={k} path={`rankings.${k}`} label={t(`settings.rules.weight.${k}`)} hint={t('settings.rules.share', { p: share(k) })} />
            ))}
          </FieldGroup>
          <FieldGroup columns={2}>
            <NumberField path="rankings.minVisits" label={t('settings.rules.minVisits')} unit={t('settings.unit.visits')} hint={t('settings.rules.minVisitsHint')} />
          </FieldGroup>
        </section>
      </div>
      <section class="mgr-panel mgr-settings-panel" aria-label={t('settings.rules.limits')}>
        <header class="mgr-panel__head">
          <h2 class="mgr-panel__title">{t('settings.rules.limits')}</h2>
        </header>
        <FieldGroup columns={3} note={t('settings.rules.limitsNote')}>
          <NumberField path="limits.issuePerMinutePerDevice" label={t('settings.rules.issue')} unit={t('settings.unit.perMinute')} />
          <NumberField path="limits.loginPerMinutePerAddress" label={t('settings.rules.login')} unit={t('settings.unit.perMinute')} />
          <NumberField path="limits.ticketPagePerMinutePerAddress" label={t('settings.rules.ticketPage')} unit={t('settings.unit.perMinute')} />
          <NumberField path="limits.socketHandshakePerMinutePerAddress" label={t('settings.rules.socket')} unit={t('settings.unit.perMinute')} />
          <NumberField path="limits.staffSessionHours" label={t('settings.rules.session')} unit={t('settings.unit.hours')} hint={t('settings.rules.sessionHint')} />
        </FieldGroup>
      </section>
    </div>
  );
}
