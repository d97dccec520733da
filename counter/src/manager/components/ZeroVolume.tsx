import type { ZeroVolume as ZeroVolumeData } from '../../../../shared/reports/summary.ts';
import { useT } from '../../use-t.ts';
import { Empty } from './StateNote.tsx';

/** Departments and windows that served nobody in the period, and whether anyone was there. */
export function ZeroVolume({ zero }: { zero: ZeroVolumeData }) {
  const t = useT();
  if (zero.departments.length === 0 && zero.windows.length === 0) return <Empty text={t('zero.none')} />;
  const badge = (signedIn: boolean) => <span class={`mgr-tag ${signedIn ? 'mgr-tag--warn' : 'mgr-tag--muted'}`}>{t(signedIn ? 'zero.signedIn' : 'zero.notSignedIn')}</span>;
  return (
    <div class="mgr-zero" data-testid="zero-volume">
      {zero.departments.length > 0 && (
        <div class="mgr-zero__group">
          <h3 class="mgr-zero__title">
            {t('zero.departments')} <span class="mgr-muted">{zero.departments.length}</span>
          </h3>
          <ul class="mgr-zero__list">
            {zero.departments.map((d) => (
              <li key={d.id}>
                <span>{d.name}</span>
                {badge(d.anyoneSignedIn)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {zero.windows.length > 0 && (
        <div class="mgr-zero__group">
          <h3 class="mgr-zero__title">
            {t('zero.windows')} <span class="mgr-muted">{zero.windows.length}</span>
          </h3>
          <ul class="mgr-zero__list">
            {zero.windows.map((w) => (
              <li key={w.id}>
                <span>
                  {t('unit.window', { n: w.number })} {w.name}
                </span>
                {badge(w.anyoneSignedIn)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
