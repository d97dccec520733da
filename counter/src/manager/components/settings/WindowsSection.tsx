import { useState } from 'preact/hooks';
import { useT } from '../../../use-t.ts';
import { Empty } from '../StateNote.tsx';
import { ChipPicker } from './ChipPicker.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { freeId } from './draft-model.ts';
import { FieldGroup, NumberField, SelectField, TextField } from './fields.tsx';
import { DetailHead, ItemList } from './ItemList.tsx';
import { OrderedServices } from './OrderedServices.tsx';
import { useDraft } from './use-draft.ts';

interface Props {
  selected: number | undefined;
  onSelect: (i: number | undefined) => void;
}

/** 窗口: number, name, department (none: a 综合窗口), the services in order, and who else may sign in. */
export function WindowsSection({ selected, onSelect }: Props) {
  const t = useT();
  const d = useDraft();
  const { windows, departments, services, staff, devices } = d.draft;
  const [removing, setRemoving] = useState<number>();
  const deptName = (id?: string) => (id ? departments.find((x) => x.id === id)?.name || id : t('settings.windows.general'));
  const i = selected !== undefined && selected < windows.length ? selected : windows.length ? 0 : undefined;
  const w = i !== undefined ? windows[i] : undefined;

  const add = () => {
    d.edit((c) => {
      c.windows.push({
        id: freeId('window', c.windows.map((x) => x.id)),
        number: Math.max(0, ...c.windows.map((x) => (Number.isFinite(x.number) ? x.number : 0))) + 1,
        name: '',
        serviceIds: [],
        ...(w?.departmentId ? { departmentId: w.departmentId } : {}),
      });
    });
    onSelect(windows.length);
  };

  const remove = (at: number) => {
    const id = windows[at].id;
    d.edit((c) => {
      c.windows.splice(at, 1);
      for (const dev of c.devices) if (dev.show?.windowIds) dev.show.windowIds = dev.show.windowIds.filter((x) => x !== id);
    });
    setRemoving(undefined);
    onSelect(Math.max(0, at - 1));
  };
  const screensOf = (id: string) => devices.filter((x) => x.kind === 'window-display' && x.windowId === id);
  // Others than the window's own department: its own may sign in anyway.
  const guests = w ? staff.filter((s) => s.role === 'clerk' && s.departmentId !== w.departmentId) : [];

  return (
    <ItemList
      list="windows"
      items={windows.map((x, n) => ({
        index: n,
        title: x.name,
        sub: `${deptName(x.departmentId)} · ${x.serviceIds.map((id) => services.find((s) => s.id === id)?.prefix ?? '?').join(' ')}`,
        badge: Number.isFinite(x.number) ? String(x.number) : '?',
      }))}
      selected={i}
      onSelect={onSelect}
      addLabel={t('settings.windows.add')}
      onAdd={add}
    >
      {w === undefined || i === undefined ? (
        <Empty text={t('settings.noItems')} />
      ) : (
        <div class="mgr-detail" data-detail={w.id}>
          <DetailHead title={`${t('unit.window', { n: Number.isFinite(w.number) ? w.number : '?' })} ${w.name}`} sub={deptName(w.departmentId)}>
            <button type="button" class="mgr-btn mgr-btn--small mgr-btn--quiet-danger" onClick={() => setRemoving(i)} data-action="remove">
              {t('settings.windows.remove')}
            </button>
          </DetailHead>
          <FieldGroup title={t('settings.group.basic')} columns={4}>
            <NumberField path={`windows[${i}].number`} label={t('settings.windows.number')} hint={t('settings.windows.numberHint')} />
            <TextField path={`windows[${i}].name`} label={t('settings.field.name')} placeholder={t('settings.windows.namePlaceholder')} />
            <TextField path={`windows[${i}].nameEn`} label={t('settings.field.nameEn')} optional optionalText={t('settings.optional')} />
            <SelectField path={`windows[${i}].departmentId`} label={t('settings.field.department')} empty={t('settings.windows.general')} options={departments.map((x) => ({ value: x.id, label: x.name || x.id }))} />
            <TextField path={`windows[${i}].id`} label={t('settings.field.id')} readOnly={!d.isNew('windows', w.id)} hint={d.isNew('windows', w.id) ? t('settings.idHint') : t('settings.idFixed')} />
          </FieldGroup>
          <FieldGroup title={t('settings.windows.servicesTitle')} columns={2}>
            <OrderedServices index={i} />
          </FieldGroup>
          <FieldGroup title={t('settings.windows.whoTitle')} columns={2}>
            {w.departmentId || w.staffIds?.length ? (
              <ChipPicker
                path={`windows[${i}].staffIds`}
                label={t('settings.windows.guests')}
                hint={t('settings.windows.guestsHint', { dept: deptName(w.departmentId) })}
                options={guests.map((s) => ({ value: s.id, label: `${s.name}（${s.staffNo}）` }))}
                addLabel={t('settings.windows.addGuest')}
                noneText={t('settings.windows.noGuests')}
              />
            ) : (
              <p class="mgr-inline-note mgr-field--wide">{t('settings.windows.generalNote')}</p>
            )}
          </FieldGroup>
        </div>
      )}
      {removing !== undefined && (
        <ConfirmDialog title={t('settings.windows.removeTitle', { n: windows[removing].number, name: windows[removing].name })} confirm={t('settings.remove')} danger onConfirm={() => remove(removing)} onClose={() => setRemoving(undefined)}>
          {screensOf(windows[removing].id).length > 0 && <p>{t('settings.windows.removeScreens', { list: screensOf(windows[removing].id).map((x) => x.name).join('、') })}</p>}
          <p>{t('settings.windows.removeNote')}</p>
        </ConfirmDialog>
      )}
    </ItemList>
  );
}
