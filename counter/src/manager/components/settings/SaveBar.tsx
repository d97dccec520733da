import { useState } from 'preact/hooks';
import type { MessageKey } from '../../../messages.ts';
import { useT } from '../../../use-t.ts';
import type { Change } from './draft-model.ts';
import { ChangeList } from './ChangeList.tsx';

/** Kept as a key, not as text: it follows a change of language while it shows. */
export interface BarMessage {
  tone: 'ok' | 'bad' | 'info';
  key: MessageKey;
  vars?: Record<string, string | number>;
}

interface Props {
  version: number;
  changes: Change[];
  problems: number;
  saving: boolean;
  message?: BarMessage;
  onSave: () => void;
  onDiscard: () => void;
  onGo: (c: Change) => void;
}

/**
 * The one save bar of the whole configuration, always in view: the version being edited,
 * how many changes are unsaved (and which), 撤销 to drop them, 保存 to save them all at once.
 */
export function SaveBar({ version, changes, problems, saving, message, onSave, onDiscard, onGo }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const dirty = changes.length > 0;
  return (
    <div class={`mgr-savebar${dirty ? ' is-dirty' : ''}`} data-testid="save-bar">
      {open && dirty && (
        <div class="mgr-savebar__changes">
          <ChangeList
            changes={changes}
            onGo={(c) => {
              setOpen(false);
              onGo(c);
            }}
          />
        </div>
      )}
      <div class="mgr-savebar__state">
        <span class="mgr-version" data-testid="config-version">
          {t('settings.version', { v: version })}
        </span>
        {dirty ? (
          <button type="button" class="mgr-savebar__count" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="unsaved-count">
            <span class="mgr-savebar__dot" aria-hidden="true" />
            {t('settings.unsaved', { n: changes.length })}
            <span class="mgr-savebar__toggle">{t(open ? 'settings.hideChanges' : 'settings.showChanges')}</span>
          </button>
        ) : (
          <span class="mgr-savebar__clean">{t('settings.allSaved')}</span>
        )}
        {problems > 0 && <span class="mgr-savebar__problems">{t('settings.problems', { n: problems })}</span>}
      </div>
      {message && (
        <p class={`mgr-savebar__message mgr-savebar__message--${message.tone}`} role={message.tone === 'bad' ? 'alert' : 'status'} data-testid="save-message">
          {t(message.key, message.vars)}
        </p>
      )}
      <div class="mgr-savebar__actions">
        <button type="button" class="mgr-btn" disabled={!dirty || saving} onClick={onDiscard} data-testid="discard">
          {t('settings.discard')}
        </button>
        <button type="button" class="mgr-btn mgr-btn--primary mgr-btn--save" disabled={!dirty || saving} onClick={onSave} data-testid="save">
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
      </div>
    </div>
  );
}
