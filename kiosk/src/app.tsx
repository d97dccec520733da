import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { deviceKey } from '../../shared/ui/device-key.ts';
import { translator, useLang } from '../../shared/ui/i18n.ts';
import { hallInLanguage } from '../../shared/ui/local-name.ts';
import { bookableServices, DEFAULT_EARLY_MINUTES, DEFAULT_LATE_MINUTES, takesBookings } from './bookable.ts';
import { CheckInEntry } from './components/CheckInEntry.tsx';
import { CheckInPad } from './components/CheckInPad.tsx';
import { ConfirmIssue } from './components/ConfirmIssue.tsx';
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { DepartmentGrid } from './components/DepartmentGrid.tsx';
import { FullScreenNotice } from './components/FullScreenNotice.tsx';
import { HallTips } from './components/HallTips.tsx';
import { IssuedTicket } from './components/IssuedTicket.tsx';
import { KioskHeader } from './components/KioskHeader.tsx';
import { PrintSlip } from './components/PrintSlip.tsx';
import { ServiceList } from './components/ServiceList.tsx';
import { StepBar } from './components/StepBar.tsx';
import { departmentSummaries, ticketingOpen } from './hall-summary.ts';
import type { IssueResult } from './issue.ts';
import { messages } from './messages.ts';
import { useHall } from './use-hall.ts';
import { useIdle } from './use-timers.ts';
import { useMoreBelow } from './use-more-below.ts';
import { whenText } from './when.ts';

const KEY_STORAGE = 'hall.kiosk.key';
/** Back to the start after this long without a touch, from any screen. */
const IDLE_MS = 60_000;

type Screen =
  | { name: 'home' }
  | { name: 'department'; departmentId: string }
  | { name: 'confirm'; departmentId: string; serviceId: string }
  | { name: 'check-in' }
  | { name: 'issued'; result: IssueResult; serviceName: string; departmentName: string };

const HOME: Screen = { name: 'home' };

/** The touch kiosk: department → service → confirm (with 绿色通道) → the ticket, then back home; or 预约签到 → the ticket. */
export function App() {
  const key = useMemo(() => deviceKey(KEY_STORAGE), []);
  const [lang, setLang] = useLang();
  const t = translator(messages, lang);
  const [elder, setElder] = useState(false);
  const [screen, setScreen] = useState<Screen>(HOME);
  const { hall: hallView, connection } = useHall(key);
  const hall = useMemo(() => hallView && hallInLanguage(hallView, lang), [hallView, lang]);

  useEffect(() => {
    document.documentElement.classList.toggle('elder', elder);
  }, [elder]);

  // Each citizen starts in Chinese with standard type, whatever the last one chose.
  const endSession = () => {
    setScreen(HOME);
    setLang('zh');
    setElder(false);
  };
  useIdle(screen.name !== 'home' || lang !== 'zh' || elder, IDLE_MS, endSession);

  const departments = useMemo(() => (hall ? departmentSummaries(hall) : []), [hall]);

  function body() {
    if (connection === 'refused') return <FullScreenNotice tone="warn" title={t('refusedTitle')} body={t('refusedBody')} />;
    if (!hall) return <FullScreenNotice tone="busy" title={connection === 'offline' ? t('offline') : t('connecting')} />;
    if (screen.name === 'issued') {
      return <IssuedTicket result={screen.result} serviceName={screen.serviceName} departmentName={screen.departmentName} t={t} onDone={endSession} />;
    }
    if (!ticketingOpen(hall)) {
      const body = hall.ticketingOpensAt !== undefined ? t('closedBodyAt', { when: whenText(t, lang, hall.ticketingOpensAt, hall) }) : t('closedBody');
      return <FullScreenNotice tone="calm" title={t('closedTitle')} body={body} />;
    }

    if (screen.name === 'check-in' && key) {
      // Allowances per service; the hall's first bookable service speaks for the tips.
      const first = bookableServices(hall)[0];
      return (
        <>
          <div class="screen-heading">
            <BackButton label={t('back')} onClick={() => setScreen(HOME)} />
            <h2 class="screen-title">{t('checkInTitle')}</h2>
          </div>
          <CheckInPad
            deviceKey={key}
            online={connection === 'online'}
            earlyMinutes={first?.earlyMinutes ?? DEFAULT_EARLY_MINUTES}
            lateMinutes={first?.lateMinutes ?? DEFAULT_LATE_MINUTES}
            t={t}
            onIssued={(result) => {
              const service = hall.services.find((s) => s.id === result.ticket.serviceId);
              const departmentName = (service && hall.departments.find((d) => d.id === service.departmentId)?.name) ?? '';
              setScreen({ name: 'issued', result, serviceName: service?.name ?? '', departmentName });
            }}
          />
        </>
      );
    }

    const department = screen.name === 'home' || screen.name === 'check-in' ? undefined : departments.find((d) => d.id === screen.departmentId);
    // Home, also when the department chosen is no longer offered here (the configuration changed).
    if (screen.name === 'home' || screen.name === 'check-in' || !department) {
      return (
        <>
          {key && takesBookings(hall) && <CheckInEntry t={t} onOpen={() => setScreen({ name: 'check-in' })} />}
          <StepBar step={0} t={t} />
          <h2 class="screen-title">{t('chooseDepartment')}</h2>
          <DepartmentGrid departments={departments} t={t} onChoose={(departmentId) => setScreen({ name: 'department', departmentId })} />
          <HallTips t={t} />
        </>
      );
    }
    const service = screen.name === 'confirm' ? department.services.find((s) => s.id === screen.serviceId) : undefined;
    if (!service || !key) {
      return (
        <>
          <StepBar step={1} t={t} />
          <div class="screen-heading">
            <BackButton label={t('back')} onClick={() => setScreen(HOME)} />
            <h2 class="screen-title">
              <span class="screen-title__context">{department.name}</span>
              {t('chooseService')}
            </h2>
          </div>
          <ServiceList services={department.services} t={t} nextDay={hall.nextDayOpensAt !== undefined ? whenText(t, lang, hall.nextDayOpensAt, hall) : undefined} onChoose={(serviceId) => setScreen({ name: 'confirm', departmentId: department.id, serviceId })} />
          <HallTips t={t} />
        </>
      );
    }
    return (
      <>
        <StepBar step={2} t={t} />
        <div class="screen-heading">
          <BackButton label={t('back')} onClick={() => setScreen({ name: 'department', departmentId: department.id })} />
          <h2 class="screen-title">{t('confirmTitle')}</h2>
        </div>
        <ConfirmIssue
          deviceKey={key}
          service={service}
          departmentName={department.name}
          online={connection === 'online'}
          lang={lang}
          t={t}
          onIssued={(result) => setScreen({ name: 'issued', result, serviceName: service.name, departmentName: department.name })}
        />
        <HallTips t={t} />
      </>
    );
  }

  const main = useRef<HTMLElement>(null);
  const moreBelow = useMoreBelow(main, `${screen.name}|${elder}|${lang}|${departments.length}|${connection}`);

  return (
    <>
      <div class="kiosk">
        <KioskHeader hallName={hall?.name} timeZone={hall?.timezone} lang={lang} elder={elder} t={t} onLang={setLang} onElder={setElder} />
        <ConnectionBanner state={connection} text={t('offline')} />
        <main class={`kiosk-main kiosk-main--${screen.name}`} ref={main}>
          {body()}
        </main>
        {/* A bar of its own between the list and the footer: it takes room, it never covers a tile. */}
        {moreBelow && (
          <button type="button" class="more-below" data-testid="more-below" onClick={() => main.current?.scrollBy({ top: main.current.clientHeight * 0.8, behavior: 'smooth' })}>
            <span aria-hidden="true">↓</span> {t('moreBelow')}
          </button>
        )}
        <footer class="kiosk-footer">
          <span>
            <strong>{t('priorityTitle')}</strong>
            {t('colon')}
            {t('priorityWho')}
          </span>
          <span>{t('helpLine')}</span>
        </footer>
      </div>
      {screen.name === 'issued' && screen.result.print.status === 'browser' && <PrintSlip slip={screen.result.print.slip} />}
    </>
  );
}

function BackButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" class="back-button" onClick={onClick}>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="m15 5-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" />
      </svg>
      {label}
    </button>
  );
}
