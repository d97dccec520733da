import { createContext } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';
import { useLangChoice, useT } from '../../../use-t.ts';
import type { EditableConfig, VersionedConfig } from '../../settings-api.ts';
import { type Change, changesBetween, clone, getAt, type ListName, setAt } from './draft-model.ts';
import { type FieldErrors, isUnder, validateDraft } from './validate.ts';

/** A refusal the server tied to a field; shown there until that field is edited. */
export interface ServerIssue {
  path: string;
  message: string;
  /** The field's value when the server refused it, as JSON. */
  was: string;
}

export interface Draft {
  /** The version the draft started from, as the server gave it. */
  base: VersionedConfig;
  draft: EditableConfig;
  changes: Change[];
  /** Every problem of the draft, shown or not yet. */
  errors: FieldErrors;
  /** The problem to show at a field: the server's, else the schema's once the field was touched or a save tried. */
  errorAt: (path: string) => string | undefined;
  /** Shown problems at or under a path ("services[3]", "hall"). */
  errorsUnder: (path: string) => number;
  /** The paths of the shown problems, in the order of the draft. */
  shownErrors: () => string[];
  set: (path: string, value: unknown) => void;
  /** Added in this draft, not yet saved: its id may still change, and it has no secret yet. */
  isNew: (list: ListName, id: string) => boolean;
  /** A change of structure (add, remove, reorder): the draft handed over as a copy to change in place. */
  edit: (change: (d: EditableConfig) => void) => void;
  /**
   * A change the server already made (a password set, a new key), which made `version`:
   * applied to the base and the draft alike, so it counts as no change. The base takes the
   * version only when it directly follows its own: otherwise someone else saved in between,
   * and the next save must meet their version as a conflict rather than overwrite it.
   */
  settle: (version: number | undefined, change?: (d: EditableConfig) => void) => void;
  /** The first passwords typed for staff added in this draft, by staff id. */
  newPasswords: Record<string, string>;
  setNewPassword: (staffId: string, password: string | undefined) => void;
  /** Mark a field as edited, so its problem shows (for fields kept outside the draft). */
  touch: (path: string) => void;
  /** Show every problem, touched or not (a save was tried). */
  revealAll: () => void;
  setServerIssue: (issue: ServerIssue | undefined) => void;
  /** Start over from a version: the loaded one, the saved one, or the newer one of a conflict. */
  reset: (base: VersionedConfig, draft?: EditableConfig) => void;
}

export const DraftContext = createContext<Draft | null>(null);

export function useDraft(): Draft {
  const d = useContext(DraftContext);
  if (!d) throw new Error('useDraft outside the settings view');
  return d;
}

const json = (x: unknown) => JSON.stringify(x) ?? 'undefined';

/** One editable draft of the whole configuration, with its changes and its problems. */
export function useDraftState(initial: VersionedConfig): Draft {
  const t = useT();
  const { lang } = useLangChoice();
  const [base, setBase] = useState(initial);
  const [draft, setDraft] = useState<EditableConfig>(() => clone(initial.config));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [all, setAll] = useState(false);
  const [newPasswords, setNewPasswords] = useState<Record<string, string>>({});
  const [serverIssue, setServerIssue] = useState<ServerIssue>();

  const changes = useMemo(() => changesBetween(base.config, draft), [base, draft]);
  const errors = useMemo(() => validateDraft(draft, newPasswords, t), [draft, newPasswords, lang]);

  const shown = (path: string) => all || [...touched].some((p) => isUnder(p, path) || isUnder(path, p));
  const serverAt = (path: string) => (serverIssue && serverIssue.path === path && json(getAt(draft, path)) === serverIssue.was ? serverIssue.message : undefined);
  const errorAt = (path: string) => serverAt(path) ?? (errors.has(path) && shown(path) ? errors.get(path) : undefined);
  const shownErrors = () => {
    const out = [...errors.keys()].filter(shown);
    if (serverIssue && serverAt(serverIssue.path) && !out.includes(serverIssue.path)) out.unshift(serverIssue.path);
    return out;
  };

  return {
    base,
    draft,
    changes,
    errors,
    errorAt,
    errorsUnder: (path) => shownErrors().filter((p) => isUnder(p, path)).length,
    shownErrors,
    isNew: (list, id) => !(base.config[list] as Array<{ id: string }>).some((x) => x.id === id),
    set: (path, value) => {
      setDraft((d) => {
        const next = clone(d);
        setAt(next, path, value);
        return next;
      });
      setTouched((s) => (s.has(path) ? s : new Set([...s, path])));
    },
    edit: (change) =>
      setDraft((d) => {
        const next = clone(d);
        change(next);
        return next;
      }),
    settle: (version, change) => {
      const apply = (c: EditableConfig) => {
        if (!change) return c;
        const next = clone(c);
        change(next);
        return next;
      };
      setBase((b) => ({ version: version === b.version + 1 ? version : b.version, config: apply(b.config) }));
      setDraft(apply);
    },
    newPasswords,
    setNewPassword: (id, password) =>
      setNewPasswords((p) => {
        const next = { ...p };
        if (password === undefined) delete next[id];
        else next[id] = password;
        return next;
      }),
    touch: (path) => setTouched((s) => (s.has(path) ? s : new Set([...s, path]))),
    revealAll: () => setAll(true),
    setServerIssue,
    reset: (b, d) => {
      setBase(b);
      setDraft(clone(d ?? b.config));
      setTouched(new Set());
      setAll(false);
      setServerIssue(undefined);
      if (!d) setNewPasswords({});
    },
  };
}
