import { useState } from 'preact/hooks';
import { useT } from '../../../use-t.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { freeId } from './draft-model.ts';
import { FieldGroup, NumberField, SelectField, TextField } from './fields.tsx';
import { AppointmentSettings } from './AppointmentSettings.tsx';
import { GuideEditor } from './GuideEditor.tsx';
import { DetailHead, ItemList } from './ItemList.tsx';
import { Empty } from '../StateNote.tsx';
import { useDraft } from './use-draft.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The first single letter no service uses yet. */
function freePrefix(taken: string[]): string {
  return [...LETTERS].find((l) => !taken.includes(l)) ?? '';
}

interface Props {
  selected: number | undefined;
  onSelect: (i: number | undefined) => void;
}

/** 事项: each service's department, ticket prefix, daily cap, target wait and 办事指南. */
export function ServicesSection({ selected, onSelect }: Props) {
  const t = useT();
  const d = useDraft();
  const { services, departments, windows } = d.draft;
  const [removing, setRemoving] = useState<number>();
  const deptName = (id: string) => departments.find((x) => x.id === id)?.name || id;
  const i = selected !== undefined && selected < services.length ? selected : services.length ? 0 : undefined;
  const s = i !== undefined ? services[i] : undefined;

  const add = () => {
    d.edit((c) => {
      c.services.push({
        id: freeId('service', c.services.map((x) => x.id)),
        departmentId: (s?.departmentId ?? c.departments[0]?.id) || '',
        name: '',
        prefix: freePrefix(c.services.map((x) => x.prefix)),
        targetWaitMinutes: 30,
        defaultServiceMinutes: 10,
      });
    });
    onSelect(services.length);
  };

  // Services may share a prefix (their numbers then run on together): allowed, but said.
  const sharing = s ? services.filter((x) => x !== s && x.prefix === s.prefix && s.prefix).map((x) => x.name || x.id) : [];
  const servingWindows = s ? windows.filter((w) => w.serviceIds.includes(s.id)) : [];
  const removeWindows = removing !== undefined ? windows.filter((w) => w.serviceIds.includes(services[removing].id)) : [];
  const remove = (at: number) => {
    const id = services[at].id;
    d.edit((c) => {
      c.services.splice(at, 1);
      // Nothing may point at a service that is gone: windows and displays let go of it too.
      for (const w of c.windows) w.serviceIds = w.serviceIds.filter((x) => x !== id);
      for (const dev of c.devices) if (dev.show?.serviceIds) dev.show.serviceIds = dev.show.serviceIds.filter((x) => x !== id);
    });
    setRemoving(undefined);
    onSelect(Math.max(0, at - 1));
  };

  return (
    <ItemList
      list="services"
      items={services.map((x, n) => ({ index: n, title: x.name, sub: deptName(x.departmentId), badge: x.prefix || '?', tags: x.dailyCap ? [{ text: t('settings.services.capTag', { n: x.dailyCap }), tone: 'muted' as const }] : [] }))}
      selected={i}
      onSelect={onSelect}
      addLabel={t('settings.services.add')}
      onAdd={add}
    >
      {s === undefined || i === undefined ? (
        <Empty text={t('settings.noItems')} />
      ) : (
        <div class="mgr-detail" data-detail={s.id}>
          <DetailHead title={s.name || t('settings.services.new')} sub={`${deptName(s.departmentId)} · ${t('settings.services.prefixIs', { p: s.prefix || '?' })}`}>
            <button type="button" class="mgr-btn mgr-btn--small mgr-btn--quiet-danger" onClick={() => setRemoving(i)} data-action="remove">
              {t('settings.services.remove')}
            </button>
          </DetailHead>
          {servingWindows.length === 0 ? (
            <p class="mgr-inline-note mgr-inline-note--warn">{t('settings.services.noWindow')}</p>
          ) : (
            <p class="mgr-inline-note">{t('settings.services.windows', { list: servingWindows.map((w) => w.number).join('、') })}</p>
          )}
          <FieldGroup title={t('settings.group.basic')}>
            <TextField path={`services[${i}].name`} label={t('settings.field.name')} placeholder={t('settings.services.namePlaceholder')} />
            <TextField path={`services[${i}].nameEn`} label={t('settings.field.nameEn')} optional optionalText={t('settings.optional')} />
            <SelectField path={`services[${i}].departmentId`} label={t('settings.field.department')} options={departments.map((x) => ({ value: x.id, label: x.name || x.id }))} />
            <TextField path={`services[${i}].id`} label={t('settings.field.id')} readOnly={!d.isNew('services', s.id)} hint={d.isNew('services', s.id) ? t('settings.idHint') : t('settings.idFixed')} />
            <TextField path={`services[${i}].code`} label={t('settings.services.code')} optional optionalText={t('settings.optional')} maxLength={64} hint={t('settings.services.codeHint')} />
          </FieldGroup>
          <FieldGroup title={t('settings.group.queue')} columns={4}>
            <TextField path={`services[${i}].prefix`} label={t('settings.services.prefix')} upper maxLength={2} hint={sharing.length ? t('settings.services.prefixShared', { names: sharing.join('、') }) : t('settings.services.prefixHint')} />
            <NumberField path={`services[${i}].dailyCap`} label={t('settings.services.dailyCap')} optional optionalText={t('settings.optional')} unit={t('settings.unit.tickets')} placeholder={t('settings.services.noCap')} hint={t('settings.services.capHint')} />
            <NumberField path={`services[${i}].targetWaitMinutes`} label={t('settings.services.targetWait')} unit={t('unit.min')} hint={t('settings.services.targetHint')} />
            <NumberField path={`services[${i}].defaultServiceMinutes`} label={t('settings.services.serviceMinutes')} unit={t('unit.min')} hint={t('settings.services.serviceHint')} />
          </FieldGroup>
          <AppointmentSettings index={i} />
          <GuideEditor index={i} />
        </div>
      )}
      {removing !== undefined && (
        <ConfirmDialog title={t('settings.services.removeTitle', { name: services[removing].name || services[removing].id })} confirm={t('settings.remove')} danger onConfirm={() => remove(removing)} onClose={() => setRemoving(undefined)}>
          {removeWindows.length > 0 && <p>{t('settings.services.removeWindows', { list: removeWindows.map((w) => w.number).join('、') })}</p>}
          <p>{t('settings.services.removeNote')}</p>
        </ConfirmDialog>
      )}
    </ItemList>
  );
}
