import { useState } from 'preact/hooks';
import { Dialog } from '../../../components/Dialog.tsx';
import { useT } from '../../../use-t.ts';
import type { DeviceEntry } from '../../settings-api.ts';
import { copyText } from './copy-text.ts';

export interface ShownKey {
  device: Pick<DeviceEntry, 'id' | 'name' | 'kind' | 'windowId'>;
  key: string;
}

/** The address a device screen is installed with: it takes the key from `?key=` once and keeps it. */
export function setupUrl(device: ShownKey['device'], key: string): string {
  const origin = window.location.origin;
  const k = encodeURIComponent(key);
  if (device.kind === 'kiosk') return `${origin}/kiosk/?key=${k}`;
  if (device.kind === 'window-display') return `${origin}/display/?window=${encodeURIComponent(device.windowId ?? '')}&key=${k}`;
  return `${origin}/display/?key=${k}`;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      class={`mgr-btn mgr-btn--small${state === 'copied' ? ' is-done' : ''}`}
      aria-label={label}
      onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
    >
      {t(state === 'copied' ? 'settings.keys.copied' : state === 'failed' ? 'settings.keys.copyFailed' : 'settings.keys.copy')}
    </button>
  );
}

/**
 * New device keys, shown this once: the server keeps only what checks them. Each with a copy
 * button and the address to open on the device; closing needs a deliberate click.
 */
export function KeysDialog({ keys, onClose }: { keys: ShownKey[]; onClose: () => void }) {
  const t = useT();
  const [noted, setNoted] = useState(false);
  return (
    <Dialog title={t('settings.keys.title')} onClose={() => noted && onClose()} wide>
      <div class="dialog__body mgr-dialog" data-testid="device-keys">
        <p class="mgr-keys__warning" role="alert">
          <strong>{t('settings.keys.once')}</strong>
          {t('settings.keys.onceHint')}
        </p>
        <ul class="mgr-keys">
          {keys.map(({ device, key }) => {
            const url = setupUrl(device, key);
            return (
              <li key={device.id} class="mgr-keys__item" data-device={device.id}>
                <p class="mgr-keys__device">
                  <strong>{device.name}</strong>
                  <span class="mgr-muted">
                    {t(`settings.device.kind.${device.kind}`)} · {device.id}
                  </span>
                </p>
                <div class="mgr-keys__row">
                  <span class="mgr-keys__label">{t('settings.keys.key')}</span>
                  <code class="mgr-keys__value" data-testid="device-key">
                    {key}
                  </code>
                  <CopyButton text={key} label={t('settings.keys.copyKey', { name: device.name })} />
                </div>
                <div class="mgr-keys__row">
                  <span class="mgr-keys__label">{t('settings.keys.url')}</span>
                  <code class="mgr-keys__value mgr-keys__value--url">{url}</code>
                  <CopyButton text={url} label={t('settings.keys.copyUrl', { name: device.name })} />
                </div>
              </li>
            );
          })}
        </ul>
        <div class="mgr-dialog__buttons mgr-dialog__buttons--split">
          <label class="mgr-check">
            <input type="checkbox" checked={noted} onChange={(e) => setNoted(e.currentTarget.checked)} name="keys-noted" />
            <span>{t('settings.keys.noted')}</span>
          </label>
          <button type="button" class="mgr-btn mgr-btn--primary" disabled={!noted} onClick={onClose} data-testid="keys-done">
            {t('settings.keys.done')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
