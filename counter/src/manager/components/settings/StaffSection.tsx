import { useState } from 'preact/hooks';
import { mayWorkAt } from '../../../../../shared/window-rules.ts';
import { useT } from '../../../use-t.ts';
import type { SettingsApi } from '../../settings-api.ts';
import { Empty } from '../StateNote.tsx';
import { freeId } from './draft-model.ts';
import { ChoiceField, FieldFrame, FieldGroup, fieldId, SelectField, Switch, TextField } from './fields.tsx';
import { DetailHead, type ListItem, ItemList } from './ItemList.tsx';
import { PasswordDialog } from './PasswordDialog.tsx';
import { useDraft } from './use-draft.ts';

interface Props {
  api: SettingsApi;
  /** The manager at this screen: they cannot disable themselves. */
  selfId: string;
  selected: number | undefined;
  onSelect: (i: number | undefined) => void;
}

const ROLES = ['clerk', 'manager', 'network-manager'] as const;

/**
 * 人员: staff number, name, department and role; disabling (a disabled member cannot log in
 * and their sessions end once saved); a password reset, done at once; a first password for
 * those added, set right after the save.
 */
export function StaffSection({ api, selfId, selected, onSelect }: Props) {
  const t = useT();
  const d = useDraft();
  const { staff, departments, windows } = d.draft;
  const [resetting, setResetting] = useState<number>();
  const [notice, setNotice] = useState<string>();
  const deptName = (id: string) => departments.find((x) => x.id === id)?.name || id;
  const i = selected !== undefined && selected < staff.length ? selected : staff.length ? 0 : undefined;
  const s = i !== undefined ? staff[i] : undefined;
  const fresh = s ? d.isNew('staff', s.id) : false;

  const add = () => {
    d.edit((c) => {
      c.staff.push({ id: freeId('staff', c.staff.map((x) => x.id)), staffNo: '', name: '', departmentId: (s?.departmentId ?? c.departments[0]?.id) || '', role: 'clerk', hasPassword: false });
    });
    onSelect(staff.length);
    setNotice(undefined);
  };
  const cancelAdd = (at: number) => {
    const id = staff[at].id;
    d.edit((c) => {
      c.staff.splice(at, 1);
      for (const w of c.windows) if (w.staffIds) w.staffIds = w.staffIds.filter((x) => x !== id);
    });
    d.setNewPassword(id, undefined);
    onSelect(Math.max(0, at - 1));
  };

  const items: ListItem[] = staff.map((x, n) => {
    const tags: NonNullable<ListItem['tags']> = [];
    if (x.role !== 'clerk') tags.push({ text: t(`settings.staff.role.${x.role}`), tone: 'good' });
    if (x.disabled) tags.push({ text: t('settings.staff.disabledTag'), tone: 'bad' });
    else if (!x.hasPassword && !d.isNew('staff', x.id)) tags.push({ text: t('settings.staff.noPassword'), tone: 'warn' });
    return { index: n, title: x.name, sub: `${x.staffNo || '—'} · ${deptName(x.departmentId)}`, tags };
  });
  const workAt = s ? windows.filter((w) => mayWorkAt(s, w)).map((w) => w.number) : [];
  const pwPath = `staff[${i}].password`;

  return (
    <ItemList list="staff" items={items} selected={i} onSelect={(n) => (onSelect(n), setNotice(undefined))} addLabel={t('settings.staff.add')} onAdd={add}>
      {s === undefined || i === undefined ? (
        <Empty text={t('settings.noItems')} />
      ) : (
        <div class="mgr-detail" data-detail={s.id}>
          <DetailHead title={s.name || t('settings.staff.new')} sub={`${t(`settings.staff.role.${s.role}`)} · ${s.staffNo || '—'}`}>
            {fresh ? (
              <button type="button" class="mgr-btn mgr-btn--small mgr-btn--quiet-danger" onClick={() => cancelAdd(i)} data-action="remove">
                {t('settings.staff.cancelAdd')}
              </button>
            ) : (
              <button type="button" class="mgr-btn mgr-btn--small" onClick={() => (setResetting(i), setNotice(undefined))} data-action="reset-password">
                {t(s.hasPassword ? 'settings.staff.resetPassword' : 'settings.staff.setPassword')}
              </button>
            )}
          </DetailHead>
          {notice && (
            <p class="mgr-ok" role="status">
              {notice}
            </p>
          )}
          {s.disabled && <p class="mgr-inline-note mgr-inline-note--bad">{t('settings.staff.disabledNote')}</p>}
          <FieldGroup title={t('settings.group.basic')} columns={4}>
            <TextField path={`staff[${i}].name`} label={t('settings.staff.name')} />
            <TextField path={`staff[${i}].staffNo`} label={t('settings.staff.staffNo')} hint={t('settings.staff.staffNoHint')} maxLength={32} />
            <SelectField path={`staff[${i}].departmentId`} label={t('settings.field.department')} options={departments.map((x) => ({ value: x.id, label: x.name || x.id }))} />
            <TextField path={`staff[${i}].id`} label={t('settings.field.id')} readOnly={!fresh} hint={fresh ? t('settings.idHint') : t('settings.idFixed')} />
            <ChoiceField path={`staff[${i}].role`} label={t('settings.staff.role')} options={ROLES.map((r) => ({ value: r, label: t(`settings.staff.role.${r}`) }))} wide />
          </FieldGroup>
          <FieldGroup title={t('settings.staff.accountTitle')} columns={2}>
            <div class="mgr-field mgr-field--wide">
              <Switch
                name={`staff[${i}].enabled`}
                checked={!s.disabled}
                label={t(s.disabled ? 'settings.staff.isDisabled' : 'settings.staff.isEnabled')}
                disabled={s.id === selfId && !s.disabled}
                onChange={(on) => d.set(`staff[${i}].disabled`, on ? undefined : true)}
              />
              <p class="mgr-field__hint">{s.id === selfId ? t('settings.staff.notSelf') : t('settings.staff.disableHint')}</p>
            </div>
            {fresh && (
              <FieldFrame path={pwPath} label={t('settings.staff.firstPassword')} hint={t('settings.password.rule', { min: 8, max: 64 })}>
                <input
                  id={fieldId(pwPath)}
                  name={pwPath}
                  class="mgr-input"
                  type="password"
                  autoComplete="new-password"
                  aria-invalid={d.errorAt(pwPath) ? 'true' : undefined}
                  value={d.newPasswords[s.id] ?? ''}
                  onInput={(e) => {
                    d.setNewPassword(s.id, e.currentTarget.value === '' ? undefined : e.currentTarget.value);
                    d.touch(pwPath);
                  }}
                />
              </FieldFrame>
            )}
            {fresh && !d.newPasswords[s.id] && <p class="mgr-inline-note mgr-inline-note--warn">{t('settings.staff.firstPasswordMissing')}</p>}
            {s.role === 'clerk' && <p class="mgr-inline-note mgr-field--wide">{workAt.length ? t('settings.staff.windows', { list: workAt.join('、') }) : t('settings.staff.noWindows')}</p>}
          </FieldGroup>
        </div>
      )}
      {resetting !== undefined && (
        <PasswordDialog
          name={staff[resetting].name}
          staffNo={staff[resetting].staffNo}
          self={staff[resetting].id === selfId}
          onSubmit={async (pw) => {
            const id = staff[resetting].id;
            const r = await api.setPassword(id, pw);
            d.settle(r.version, (c) => {
              for (const x of c.staff) if (x.id === id) x.hasPassword = true;
            });
          }}
          onDone={() => {
            setNotice(t('settings.staff.passwordSet', { name: staff[resetting].name }));
            setResetting(undefined);
          }}
          onClose={() => setResetting(undefined)}
        />
      )}
    </ItemList>
  );
}
