import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../../../../shared/ui/api.ts';
import { useT } from '../../../use-t.ts';
import { type EditableConfig, settingsApi, type SettingsApi, type VersionedConfig, VersionConflict, type AuditEntry } from '../../settings-api.ts';
import { useLoad } from '../../use-load.ts';
import { ErrorNote, Loading } from '../StateNote.tsx';
import { AuditSection } from './AuditSection.tsx';
import { ConflictBanner } from './ConflictBanner.tsx';
import { DepartmentsSection } from './DepartmentsSection.tsx';
import { DevicesSection } from './DevicesSection.tsx';
import { type Change, changesBetween, getAt, type ListName, LISTS, reapply, sectionOf } from './draft-model.ts';
import { fieldId } from './fields.tsx';
import { HallSection } from './HallSection.tsx';
import { KeysDialog, type ShownKey } from './KeysDialog.tsx';
import { RulesSection } from './RulesSection.tsx';
import { type BarMessage, SaveBar } from './SaveBar.tsx';
import { ServicesSection } from './ServicesSection.tsx';
import { SettingsTabs, type Tab } from './SettingsTabs.tsx';
import { StaffSection } from './StaffSection.tsx';
import { DraftContext, useDraftState } from './use-draft.ts';
import { WindowsSection } from './WindowsSection.tsx';

interface Props {
  token: string;
  /** The manager at this screen. */
  selfId: string;
  /** The hall's business date, when known. */
  today?: string;
  /** A new version was saved: the rest of the manager view reloads what it shows. */
  onSaved: () => void;
  /** How many changes wait unsaved (for the nav's badge). */
  onDirty: (n: number) => void;
  onUnauthorized: () => void;
}

/** 系统设置: loads the configuration, then edits it as one draft (SettingsEditor). */
export function SettingsView({ token, ...rest }: Props) {
  const api = useMemo(() => settingsApi(token), [token]);
  const loaded = useLoad('config', api.config, rest.onUnauthorized);
  if (!loaded.data) return loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : <Loading />;
  return <SettingsEditor api={api} initial={loaded.data} {...rest} />;
}

function LoadError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const t = useT();
  return <ErrorNote error={error.status === 403 ? new ApiError(403, 'FORBIDDEN', t('settings.forbidden')) : error} onRetry={error.status === 403 ? undefined : onRetry} />;
}

/** The wire shape of a save: the configuration as GET gave it, without what only the screen knows. */
function toWire(c: EditableConfig): EditableConfig {
  return { ...c, staff: c.staff.map(({ hasPassword: _, ...s }) => s as EditableConfig['staff'][number]) };
}

interface Conflict {
  current: VersionedConfig;
  by?: AuditEntry;
}

function SettingsEditor({ api, initial, selfId, today, onSaved, onDirty, onUnauthorized }: Omit<Props, 'token'> & { api: SettingsApi; initial: VersionedConfig }) {
  const t = useT();
  const d = useDraftState(initial);
  const [tab, setTab] = useState<Tab>('hall');
  const [selection, setSelection] = useState<Partial<Record<ListName, number>>>({});
  const [focusPath, setFocusPath] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<BarMessage>();
  const [conflict, setConflict] = useState<Conflict>();
  const [keys, setKeys] = useState<ShownKey[]>();

  const dirty = d.changes.length;
  useEffect(() => onDirty(dirty), [dirty]);
  // "Saved" and "discarded" are news until the next edit.
  useEffect(() => {
    if (dirty > 0) setMessage((m) => (m && m.tone !== 'bad' ? undefined : m));
  }, [dirty > 0]);
  // A reload or a closed tab would lose the draft: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty > 0]);
  // After going to a field, bring it into view and put the cursor in it.
  useEffect(() => {
    if (!focusPath) return;
    const el = document.getElementById(fieldId(focusPath)) ?? document.querySelector<HTMLElement>(`[data-field="${CSS.escape(focusPath)}"]`);
    el?.scrollIntoView({ block: 'center' });
    if (el && 'focus' in el) el.focus({ preventScroll: true });
    setFocusPath(undefined);
  }, [focusPath]);

  const select = (list: ListName) => (i: number | undefined) => setSelection((s) => ({ ...s, [list]: i }));
  const goTo = (path: string) => {
    const { section, index } = sectionOf(path);
    setTab(section);
    if (index !== undefined && (LISTS as readonly string[]).includes(section)) select(section as ListName)(index);
    setFocusPath(path);
  };
  const goToChange = (c: Change) => {
    setTab(c.section);
    if (c.section !== 'hall' && c.section !== 'rules') {
      const i = d.draft[c.section].findIndex((x) => x.id === c.id);
      if (i >= 0) select(c.section)(i);
    }
  };

  const discard = () => {
    d.reset(d.base);
    setMessage({ tone: 'info', key: 'settings.discarded' });
  };

  const save = async () => {
    if (d.errors.size > 0) {
      d.revealAll();
      const first = [...d.errors.keys()][0];
      goTo(first);
      setMessage({ tone: 'bad', key: 'settings.save.fix', vars: { n: d.errors.size } });
      return;
    }
    setSaving(true);
    setMessage(undefined);
    const sent = d.draft;
    const added = sent.devices.filter((x) => d.isNew('devices', x.id));
    const passwords = Object.entries(d.newPasswords).filter(([id]) => sent.staff.some((s) => s.id === id));
    try {
      const saved = await api.save(d.base.version, toWire(sent));
      // The first passwords of those just added: the members exist on the server now.
      const failed: string[] = [];
      for (const [id, pw] of passwords) {
        try {
          await api.setPassword(id, pw);
        } catch {
          failed.push(sent.staff.find((s) => s.id === id)?.name ?? id);
        }
      }
      const fresh = await api.config().catch(() => ({ version: saved.version, config: sent }));
      d.reset(fresh);
      setConflict(undefined);
      const shown = Object.entries(saved.keys ?? {}).map(([id, key]) => ({ device: added.find((x) => x.id === id) ?? { id, name: id, kind: 'kiosk' as const }, key }));
      if (shown.length) setKeys(shown);
      setMessage(
        failed.length
          ? { tone: 'bad', key: 'settings.save.passwordFailed', vars: { v: fresh.version, names: failed.join('、') } }
          : passwords.length
            ? { tone: 'ok', key: 'settings.save.okWithPasswords', vars: { v: fresh.version, n: passwords.length } }
            : { tone: 'ok', key: 'settings.save.ok', vars: { v: fresh.version } },
      );
      onSaved();
    } catch (err) {
      if (err instanceof VersionConflict) {
        setConflict({ current: err.current });
        setMessage({ tone: 'bad', key: 'settings.conflict.short', vars: { v: err.current.version } });
        // Who saved it: the audit log says, when it can be read.
        api.audit().then(
          (a) => setConflict((c) => (c && c.current.version === err.current.version ? { ...c, by: a.entries.find((e) => e.version === err.current.version) } : c)),
          () => undefined,
        );
      } else if (err instanceof ApiError) {
        if (err.status === 401) onUnauthorized();
        if (err.field) {
          // The server names the field in its message too ("services[3].prefix: …"); at the field that is said already.
          const message = err.message.startsWith(`${err.field}: `) ? err.message.slice(err.field.length + 2) : err.message;
          d.setServerIssue({ path: err.field, message, was: JSON.stringify(getAt(sent, err.field)) ?? 'undefined' });
          goTo(err.field);
        }
        setMessage(
          err.status === 403
            ? { tone: 'bad', key: 'settings.forbidden' }
            : err.code === 'NETWORK'
              ? { tone: 'bad', key: 'settings.save.network' }
              : { tone: 'bad', key: err.code === 'IN_USE' ? 'settings.save.inUse' : 'settings.save.refused', vars: { message: err.message } },
        );
      } else {
        setMessage({ tone: 'bad', key: 'settings.save.refused', vars: { message: String(err) } });
      }
    } finally {
      setSaving(false);
    }
  };

  const reapplyMine = () => {
    if (!conflict) return;
    d.reset(conflict.current, reapply(d.base.config, d.draft, conflict.current.config));
    setConflict(undefined);
    setMessage({ tone: 'info', key: 'settings.conflict.reapplied', vars: { v: conflict.current.version } });
  };
  const loadTheirs = () => {
    if (!conflict) return;
    d.reset(conflict.current);
    setConflict(undefined);
    setMessage({ tone: 'info', key: 'settings.conflict.loaded', vars: { v: conflict.current.version } });
  };

  return (
    <DraftContext.Provider value={d}>
      <div class="mgr-settings" data-testid="settings">
        <div class="mgr-toolbar mgr-settings__head">
          <h1 class="mgr-view-title">{t('nav.settings')}</h1>
          <p class="mgr-muted">{t('settings.intro')}</p>
        </div>
        <SettingsTabs tab={tab} onTab={setTab} />
        {conflict && <ConflictBanner version={conflict.current.version} theirs={changesBetween(d.base.config, conflict.current.config)} by={conflict.by} onReapply={reapplyMine} onLoadTheirs={loadTheirs} />}
        <div class="mgr-settings__body" data-section={tab}>
          {tab === 'hall' && <HallSection today={today} />}
          {tab === 'departments' && <DepartmentsSection />}
          {tab === 'services' && <ServicesSection selected={selection.services} onSelect={select('services')} />}
          {tab === 'windows' && <WindowsSection selected={selection.windows} onSelect={select('windows')} />}
          {tab === 'staff' && <StaffSection api={api} selfId={selfId} selected={selection.staff} onSelect={select('staff')} />}
          {tab === 'devices' && <DevicesSection api={api} selected={selection.devices} onSelect={select('devices')} onKeys={setKeys} onUnauthorized={onUnauthorized} />}
          {tab === 'rules' && <RulesSection />}
          {tab === 'audit' && <AuditSection api={api} version={d.base.version} onUnauthorized={onUnauthorized} />}
        </div>
        <SaveBar version={d.base.version} changes={d.changes} problems={d.shownErrors().length} saving={saving} message={message} onSave={save} onDiscard={discard} onGo={goToChange} />
        {keys && <KeysDialog keys={keys} onClose={() => setKeys(undefined)} />}
      </div>
    </DraftContext.Provider>
  );
}
