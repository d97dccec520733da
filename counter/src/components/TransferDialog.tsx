import { useState } from 'preact/hooks';
import type { HallView } from '../../../shared/views.ts';
import { useT } from '../use-t.ts';
import type { TransferTarget } from '../window-api.ts';
import { type Choice, ChoiceList } from './ChoiceList.tsx';
import { Dialog } from './Dialog.tsx';

interface Props {
  number: string;
  hall?: HallView;
  windowId: string;
  serviceId: string;
  busy: boolean;
  error?: string;
  onChoose: (to: TransferTarget, note?: string) => void;
  onClose: () => void;
}

/** Hand the ticket on, keeping its number: to another service's queue, or to one window. */
export function TransferDialog({ number, hall, windowId, serviceId, busy, error, onChoose, onClose }: Props) {
  const t = useT();
  const [tab, setTab] = useState<'service' | 'window'>('service');
  const [note, setNote] = useState('');
  const departments = new Map(hall?.departments.map((d) => [d.id, d.name]));
  const services = (hall?.services ?? []).filter((s) => s.id !== serviceId);
  const windows = (hall?.windows ?? []).filter((w) => w.id !== windowId);

  const serviceChoices: Choice[] = services.map((s) => ({
    id: s.id,
    label: (
      <>
        <span class="choice__prefix">{s.prefix}</span>
        {s.name}
      </>
    ),
    detail: `${departments.get(s.departmentId) ?? ''} · ${t('transfer.waiting', { n: s.waiting })}${s.windowNumbers.length ? ` · ${t('transfer.windows', { list: s.windowNumbers.join('、') })}` : ''}`,
  }));
  // Nobody would call a ticket sent to a window no clerk is signed in at: those cannot be picked.
  const windowChoices: Choice[] = windows.map((w) => ({
    id: w.id,
    jump: String(w.number),
    disabled: w.status === 'closed',
    label: (
      <>
        <span class="choice__prefix">{w.number}</span>
        {t('unit.window', { n: w.number })} · {w.name}
      </>
    ),
    detail: <span class={`chip chip--${w.status}`}>{w.staff ? `${t(`window.status.${w.status}`)} · ${w.staff.name}` : t(`window.status.${w.status}`)}</span>,
  }));

  const choose = (id: string) => onChoose(tab === 'service' ? { serviceId: id } : { windowId: id }, note.trim() || undefined);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      setTab(e.key === 'ArrowLeft' ? 'service' : 'window');
    }
  };

  const choices = tab === 'service' ? serviceChoices : windowChoices;
  return (
    <Dialog title={t('transfer.title', { number })} onClose={onClose} wide>
      <div class="dialog__body" onKeyDown={onKeyDown}>
        <div class="tabs tabs--small" role="tablist">
          {(['service', 'window'] as const).map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} tabIndex={-1} class={`tab${tab === k ? ' is-on' : ''}`} onClick={() => setTab(k)}>
              {t(k === 'service' ? 'transfer.toService' : 'transfer.toWindow')}
            </button>
          ))}
        </div>
        <p class="dialog__hint">{t('transfer.keepsNumber')}</p>
        <label class="field field--compact">
          <span class="field__label">{t('transfer.note')}</span>
          {/* Keys typed here are the note's: they must not move the list or switch tabs. */}
          <input class="field__input" name="transferNote" maxLength={200} placeholder={t('transfer.notePlaceholder')} value={note} onInput={(e) => setNote(e.currentTarget.value)} onKeyDown={(e) => e.key !== 'Escape' && e.stopPropagation()} />
        </label>
        <div class="dialog__scroll">
          {choices.length > 0 ? (
            <ChoiceList key={tab} label={t(tab === 'service' ? 'transfer.toService' : 'transfer.toWindow')} choices={choices} disabled={busy} onChoose={choose} keys={tab === 'window' ? 'jump' : 'position'} />
          ) : (
            <p class="empty">{t('transfer.noTargets')}</p>
          )}
        </div>
        {error && (
          <p class="dialog__error" role="alert">
            {error}
          </p>
        )}
        <p class="dialog__keys">{t(tab === 'window' ? 'transfer.hintWindow' : 'transfer.hint')}</p>
      </div>
    </Dialog>
  );
}
