import { useState } from 'preact/hooks';
import { ApiError } from '../../../../../shared/ui/api.ts';
import { useT } from '../../../use-t.ts';
import type { DeviceEntry, SettingsApi } from '../../settings-api.ts';
import { Empty } from '../StateNote.tsx';
import { ChipPicker } from './ChipPicker.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { freeId } from './draft-model.ts';
import { FieldFrame, FieldGroup, NumberField, SelectField, TextField } from './fields.tsx';
import { DetailHead, ItemList } from './ItemList.tsx';
import type { ShownKey } from './KeysDialog.tsx';
import { useDraft } from './use-draft.ts';

interface Props {
  api: SettingsApi;
  selected: number | undefined;
  onSelect: (i: number | undefined) => void;
  /** A new key to show once. */
  onKeys: (keys: ShownKey[]) => void;
  onUnauthorized: () => void;
}

const KINDS = ['kiosk', 'display', 'window-display'] as const;
type Kind = (typeof KINDS)[number];
const PRINTERS = ['none', 'browser', 'network'] as const;

/**
 * 设备: kiosks, hall displays and window screens. A new one gets its key when saved; an existing
 * one can get a new key (the old one stops at once); revoking removes it from the hall.
 */
export function DevicesSection({ api, selected, onSelect, onKeys, onUnauthorized }: Props) {
  const t = useT();
  const d = useDraft();
  const { devices, windows, services } = d.draft;
  const [confirm, setConfirm] = useState<{ what: 'key' | 'revoke'; index: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const i = selected !== undefined && selected < devices.length ? selected : devices.length ? 0 : undefined;
  const dev = i !== undefined ? devices[i] : undefined;
  const fresh = dev ? d.isNew('devices', dev.id) : false;
  const windowLabel = (id?: string) => {
    const w = windows.find((x) => x.id === id);
    return w ? `${t('unit.window', { n: w.number })} ${w.name}` : (id ?? '');
  };

  const add = () => {
    d.edit((c) => {
      c.devices.push({ id: freeId('device', c.devices.map((x) => x.id)), kind: 'kiosk', name: '' });
    });
    onSelect(devices.length);
  };

  // What belongs to one kind goes when the kind changes: a printer is a kiosk's, a window a window screen's.
  const setKind = (at: number, kind: Kind) => {
    d.edit((c) => {
      const x = c.devices[at];
      x.kind = kind;
      if (kind !== 'kiosk') delete x.printer;
      if (kind !== 'window-display') delete x.windowId;
      if (kind !== 'display') delete x.show;
    });
    d.touch(`devices[${at}].kind`);
  };
  const setPrinter = (at: number, type: (typeof PRINTERS)[number]) => {
    const printer: DeviceEntry['printer'] = type === 'none' ? undefined : type === 'browser' ? { type: 'browser' } : { type: 'network', host: '', port: 9100, timeoutMs: 3000 };
    d.set(`devices[${at}].printer`, printer);
  };

  const newKey = async (at: number) => {
    setBusy(true);
    setError(undefined);
    try {
      const { key, version } = await api.newKey(devices[at].id);
      d.settle(version);
      setConfirm(undefined);
      onKeys([{ device: devices[at], key }]);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onUnauthorized();
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const revoke = (at: number) => {
    d.edit((c) => {
      c.devices.splice(at, 1);
    });
    setConfirm(undefined);
    onSelect(Math.max(0, at - 1));
  };

  return (
    <ItemList
      list="devices"
      items={devices.map((x, n) => ({ index: n, title: x.name, sub: x.kind === 'window-display' ? `${t(`settings.device.kind.${x.kind}`)} · ${windowLabel(x.windowId)}` : t(`settings.device.kind.${x.kind}`), badge: t(`settings.device.short.${x.kind}`) }))}
      selected={i}
      onSelect={onSelect}
      addLabel={t('settings.devices.add')}
      onAdd={add}
    >
      {dev === undefined || i === undefined ? (
        <Empty text={t('settings.noItems')} />
      ) : (
        <div class="mgr-detail" data-detail={dev.id}>
          <DetailHead title={dev.name || t('settings.devices.new')} sub={`${t(`settings.device.kind.${dev.kind}`)} · ${dev.id}`}>
            {!fresh && (
              <button type="button" class="mgr-btn mgr-btn--small" onClick={() => (setError(undefined), setConfirm({ what: 'key', index: i }))} data-action="new-key">
                {t('settings.devices.newKey')}
              </button>
            )}
            <button type="button" class="mgr-btn mgr-btn--small mgr-btn--quiet-danger" onClick={() => (fresh ? revoke(i) : setConfirm({ what: 'revoke', index: i }))} data-action="remove">
              {t(fresh ? 'settings.devices.cancelAdd' : 'settings.devices.revoke')}
            </button>
          </DetailHead>
          <p class="mgr-inline-note">{t(fresh ? 'settings.devices.keyOnSave' : 'settings.devices.keyKept')}</p>
          <FieldGroup title={t('settings.group.basic')} columns={3}>
            <TextField path={`devices[${i}].name`} label={t('settings.field.name')} placeholder={t('settings.devices.namePlaceholder')} />
            <FieldFrame path={`devices[${i}].kind`} label={t('settings.devices.kind')}>
              <div class="mgr-segmented mgr-segmented--field" role="radiogroup" aria-label={t('settings.devices.kind')} data-name={`devices[${i}].kind`}>
                {KINDS.map((k) => (
                  <button key={k} type="button" role="radio" aria-checked={dev.kind === k} class={dev.kind === k ? 'is-active' : undefined} data-value={k} onClick={() => setKind(i, k)}>
                    {t(`settings.device.kind.${k}`)}
                  </button>
                ))}
              </div>
            </FieldFrame>
            <TextField path={`devices[${i}].id`} label={t('settings.field.id')} readOnly={!fresh} hint={fresh ? t('settings.idHint') : t('settings.idFixed')} />
          </FieldGroup>
          {dev.kind === 'window-display' && (
            <FieldGroup title={t('settings.devices.whereTitle')} columns={3}>
              <SelectField path={`devices[${i}].windowId`} label={t('settings.devices.window')} empty={t('settings.devices.chooseWindow')} options={windows.map((w) => ({ value: w.id, label: windowLabel(w.id) }))} />
            </FieldGroup>
          )}
          {dev.kind === 'kiosk' && (
            <FieldGroup title={t('settings.devices.printerTitle')} columns={3}>
              <FieldFrame path={`devices[${i}].printer`} label={t('settings.devices.printer')} wide>
                <div class="mgr-segmented mgr-segmented--field" role="radiogroup" aria-label={t('settings.devices.printer')}>
                  {PRINTERS.map((p) => {
                    const on = (dev.printer?.type ?? 'none') === p;
                    return (
                      <button key={p} type="button" role="radio" aria-checked={on} class={on ? 'is-active' : undefined} data-value={p} onClick={() => setPrinter(i, p)}>
                        {t(`settings.devices.printer.${p}`)}
                      </button>
                    );
                  })}
                </div>
              </FieldFrame>
              {dev.printer?.type === 'network' && (
                <>
                  <TextField path={`devices[${i}].printer.host`} label={t('settings.devices.host')} placeholder="192.168.1.50" />
                  <NumberField path={`devices[${i}].printer.port`} label={t('settings.devices.port')} />
                  <NumberField path={`devices[${i}].printer.timeoutMs`} label={t('settings.devices.timeout')} unit="ms" />
                </>
              )}
            </FieldGroup>
          )}
          {dev.kind === 'display' && (
            <FieldGroup title={t('settings.devices.showTitle')} note={t('settings.devices.showNote')} columns={2}>
              <ChipPicker path={`devices[${i}].show.windowIds`} label={t('settings.devices.showWindows')} options={windows.map((w) => ({ value: w.id, label: windowLabel(w.id) }))} addLabel={t('settings.devices.addWindow')} noneText={t('settings.devices.all')} />
              <ChipPicker path={`devices[${i}].show.serviceIds`} label={t('settings.devices.showServices')} options={services.map((s) => ({ value: s.id, label: `${s.prefix} · ${s.name}` }))} addLabel={t('settings.devices.addService')} noneText={t('settings.devices.all')} />
            </FieldGroup>
          )}
        </div>
      )}
      {confirm?.what === 'key' && (
        <ConfirmDialog title={t('settings.devices.newKeyTitle', { name: devices[confirm.index].name })} confirm={t('settings.devices.newKeyConfirm')} danger busy={busy} error={error} onConfirm={() => newKey(confirm.index)} onClose={() => setConfirm(undefined)}>
          <p>{t('settings.devices.newKeyBody')}</p>
        </ConfirmDialog>
      )}
      {confirm?.what === 'revoke' && (
        <ConfirmDialog title={t('settings.devices.revokeTitle', { name: devices[confirm.index].name })} confirm={t('settings.devices.revokeConfirm')} danger onConfirm={() => revoke(confirm.index)} onClose={() => setConfirm(undefined)}>
          <p>{t('settings.devices.revokeBody')}</p>
        </ConfirmDialog>
      )}
    </ItemList>
  );
}
