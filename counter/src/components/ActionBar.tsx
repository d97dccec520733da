import type { Outcome } from '../../../shared/types.ts';
import type { MessageKey } from '../messages.ts';
import { useT } from '../use-t.ts';
import { type Action, type DeskMode, FINISH_OUTCOMES, legalActions, SHORTCUTS } from '../window-state.ts';
import { Keycap } from './Keycap.tsx';

const LABELS: Record<Action, MessageKey> = {
  callNext: 'action.callNext',
  callNumber: 'action.callNumber',
  pause: 'action.pause',
  resume: 'action.resume',
  signOut: 'action.signOut',
  recall: 'action.recall',
  start: 'action.start',
  noShow: 'action.noShow',
  transfer: 'action.transfer',
  'finish:completed': 'outcome.completed',
  'finish:accepted': 'outcome.accepted',
  'finish:consulted': 'outcome.consulted',
  'finish:rejected': 'outcome.rejected',
};

const STYLE: Record<Action, string> = {
  callNext: 'btn--primary btn--hero',
  resume: 'btn--primary btn--hero',
  start: 'btn--primary',
  recall: 'btn--secondary',
  callNumber: 'btn--secondary',
  noShow: 'btn--warn',
  pause: 'btn--warn',
  signOut: 'btn--quiet',
  transfer: 'btn--quiet',
  'finish:completed': 'btn--done',
  'finish:accepted': 'btn--outcome',
  'finish:consulted': 'btn--outcome',
  'finish:rejected': 'btn--reject',
};

interface Props {
  mode: DeskMode;
  busy?: Action;
  disabled: boolean;
  onAction: (action: Action) => void;
}

/** One big button per action that is legal now, each with its key. */
export function ActionBar({ mode, busy, disabled, onAction }: Props) {
  const t = useT();
  const legal = legalActions(mode);
  const button = (a: Action) => (
    <button
      key={a}
      type="button"
      class={`btn action ${STYLE[a]}${busy === a ? ' is-busy' : ''}`}
      data-action={a}
      disabled={disabled || !!busy}
      aria-keyshortcuts={SHORTCUTS[a]}
      onClick={() => onAction(a)}
    >
      <span class="action__label">{busy === a ? t('busy') : t(LABELS[a])}</span>
      <Keycap k={SHORTCUTS[a]} />
    </button>
  );
  const finishes = legal.filter((a): a is `finish:${Outcome}` => a.startsWith('finish:'));
  const others = legal.filter((a) => !a.startsWith('finish:'));
  const hero = others.filter((a) => a === 'callNext' || a === 'resume');
  const rest = others.filter((a) => a !== 'callNext' && a !== 'resume');

  return (
    <div class="actions" data-mode={mode}>
      {hero.length > 0 && <div class="actions__hero">{hero.map(button)}</div>}
      {rest.length > 0 && <div class={`actions__row${finishes.length > 0 ? ' actions__row--four' : ''}`}>{rest.map(button)}</div>}
      {finishes.length > 0 && (
        <div class="actions__finish" role="group" aria-label={t('action.finishGroup')}>
          <span class="actions__group-label">{t('action.finishGroup')}</span>
          <div class="actions__row actions__row--four">{FINISH_OUTCOMES.map((o) => button(`finish:${o}`))}</div>
        </div>
      )}
    </div>
  );
}
