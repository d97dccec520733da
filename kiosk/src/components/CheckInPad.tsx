import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../shared/ui/api.ts';
import { checkIn } from '../appointments-api.ts';
import type { IssueResult } from '../issue.ts';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const CODE_LENGTH = 6;

interface Props {
  deviceKey: string;
  online: boolean;
  earlyMinutes: number;
  lateMinutes: number;
  t: T;
  onIssued: (result: IssueResult) => void;
}

interface Refusal {
  title: string;
  body?: string;
  code: string;
}

/** "…请于 10:30 以后签到" → "10:30": when the server says from when check-in opens. */
function timeIn(message: string): string | undefined {
  return /\b(\d{1,2}:\d{2})\b/.exec(message)?.[1];
}

/**
 * 预约签到: the 6-digit code on a large keypad, or typed by a scanner (digits, then Enter)
 * or a keyboard; then the ticket, as for any other. Refusals in plain words.
 */
export function CheckInPad({ deviceKey, online, earlyMinutes, lateMinutes, t, onIssued }: Props) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const inFlight = useRef(false);
  // After a refusal the next digit starts a new code, so a scanner's next scan is not appended to the last.
  const stale = useRef(false);
  // What a scanner typed since the last Enter: a scanned address may carry the code as `code=`.
  const scanned = useRef('');
  const state = useRef({ code, online });
  state.current = { code, online };

  const type = (digit: string) => {
    setRefusal(undefined);
    setCode((c) => {
      const base = stale.current ? '' : c;
      stale.current = false;
      return base.length < CODE_LENGTH ? base + digit : base;
    });
  };
  const erase = () => {
    stale.current = false;
    setRefusal(undefined);
    setCode((c) => c.slice(0, -1));
  };
  const clear = () => {
    stale.current = false;
    setRefusal(undefined);
    setCode('');
  };

  async function submit(value: string) {
    if (inFlight.current || value.length !== CODE_LENGTH || !state.current.online) return;
    inFlight.current = true;
    setBusy(true);
    setRefusal(undefined);
    try {
      onIssued(await checkIn(deviceKey, value));
    } catch (e) {
      inFlight.current = false;
      setBusy(false);
      stale.current = true;
      setRefusal(refusalOf(e, value));
    }
  }

  function refusalOf(e: unknown, value: string): Refusal {
    if (!(e instanceof ApiError)) return { title: t('checkInRefused'), body: String(e), code: 'INTERNAL' };
    const code = e.code as string;
    if (code === 'TOO_EARLY') {
      const time = timeIn(e.message);
      return { title: t('checkInTooEarly'), body: time ? t('checkInTooEarlyAt', { time }) : t('checkInTipEarly', { n: earlyMinutes }), code };
    }
    if (code === 'ALREADY_CHECKED_IN') return { title: t('checkInAlready'), body: t('checkInAlreadyBody'), code };
    if (code === 'APPOINTMENT_NOT_FOUND' || (code === 'INVALID_INPUT' && e.field === 'code')) return { title: t('checkInNotFound'), body: `${value} · ${t('checkInNotFoundBody')}`, code };
    return { title: t('checkInRefused'), body: e.message, code };
  }

  const submitLatest = useRef(submit);
  submitLatest.current = submit;

  // A scanner is a keyboard: digits then Enter, wherever the focus is; listening from the first frame, so no digit is lost.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        const fromAddress = /[?&]code=(\d{6})\b/.exec(scanned.current)?.[1];
        scanned.current = '';
        if (fromAddress) {
          stale.current = false;
          setCode(fromAddress);
          void submitLatest.current(fromAddress);
        } else void submitLatest.current(state.current.code);
        return;
      }
      if (e.key === 'Backspace') {
        e.preventDefault();
        erase();
        return;
      }
      if (e.key === 'Escape') {
        clear();
        return;
      }
      if (e.key.length !== 1) return;
      scanned.current = (scanned.current + e.key).slice(-300);
      if (/^\d$/.test(e.key)) {
        e.preventDefault();
        type(e.key);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const cells = Array.from({ length: CODE_LENGTH }, (_, i) => code[i] ?? '');
  const ready = code.length === CODE_LENGTH && online && !busy;
  return (
    <div class="check-in">
      <div class="check-in__entry">
        <p class="check-in__lead">{t('checkInLead')}</p>
        <p class="check-in__hint">{t('checkInLeadHint')}</p>
        <div class={`code-cells${refusal ? ' code-cells--refused' : ''}`} role="status" aria-label={t('checkInLead')} data-code={code}>
          {cells.map((d, i) => (
            <span class={`code-cell${d ? ' code-cell--filled' : ''}${i === code.length && !busy ? ' code-cell--next' : ''}`}>{d}</span>
          ))}
        </div>
        {refusal && (
          <div class="inline-error check-in__refusal" role="alert" data-refusal={refusal.code}>
            <strong>{refusal.title}</strong>
            {refusal.body && <span>{refusal.body}</span>}
          </div>
        )}
        {!online && <p class="inline-note">{t('offlineNoIssue')}</p>}
        <button type="button" class="button button--primary check-in__submit" disabled={!ready} aria-busy={busy} onClick={() => submit(code)}>
          {busy ? t('checkInBusy') : t('checkInSubmit')}
        </button>
      </div>

      <div class="keypad" role="group" aria-label={t('checkInLead')}>
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button type="button" class="keypad__key" data-key={d} disabled={busy} onClick={() => type(d)}>
            {d}
          </button>
        ))}
        <button type="button" class="keypad__key keypad__key--word" data-key="clear" disabled={busy || code.length === 0} onClick={clear}>
          {t('keyClear')}
        </button>
        <button type="button" class="keypad__key" data-key="0" disabled={busy} onClick={() => type('0')}>
          0
        </button>
        <button type="button" class="keypad__key keypad__key--word" data-key="delete" disabled={busy || code.length === 0} onClick={erase} aria-label={t('keyDelete')}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M9 5h11v14H9l-6-7 6-7Z" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linejoin="round" />
            <path d="m12 9 5 6m0-6-5 6" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
          </svg>
          {t('keyDelete')}
        </button>
      </div>

      <aside class="tips check-in__tips">
        <ol class="tips__list">
          {[t('checkInTipEarly', { n: earlyMinutes }), t('checkInTipLate', { n: lateMinutes }), t('checkInTipWalkIn')].map((tip, i) => (
            <li>
              <span class="tips__n" aria-hidden="true">
                {i + 1}
              </span>
              {tip}
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}
