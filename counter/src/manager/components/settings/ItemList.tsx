import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from '../../../use-t.ts';
import type { EditableConfig } from '../../settings-api.ts';
import { clone, itemName, type ListName, same } from './draft-model.ts';
import { FieldError } from './fields.tsx';
import { useDraft } from './use-draft.ts';

export interface ListItem {
  index: number;
  title: string;
  sub?: string;
  /** A short mark before the title: a ticket prefix, a window number. */
  badge?: string;
  tags?: Array<{ text: string; tone: 'muted' | 'warn' | 'bad' | 'good' }>;
}

interface Props {
  list: ListName;
  items: ListItem[];
  selected: number | undefined;
  onSelect: (index: number) => void;
  addLabel: string;
  onAdd: () => void;
  /** The item's form, beside the list. */
  children: ComponentChildren;
}

const SEARCH_FROM = 8;

/**
 * A list of one kind of item on the left, the chosen item's form on the right. Each row says
 * whether it is new or changed in the draft and how many problems it has.
 */
export function ItemList({ list, items, selected, onSelect, addLabel, onAdd, children }: Props) {
  const t = useT();
  const d = useDraft();
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = q ? items.filter((i) => `${i.title} ${i.sub ?? ''} ${i.badge ?? ''}`.toLowerCase().includes(q)) : items;
  const before = new Map((d.base.config[list] as Array<{ id: string }>).map((x) => [x.id, x]));
  const present = new Set((d.draft[list] as Array<{ id: string }>).map((x) => x.id));
  const removed = (d.base.config[list] as Array<{ id: string }>).map((x, at) => ({ x, at })).filter(({ x }) => !present.has(x.id));

  return (
    <div class="mgr-master">
      <div class="mgr-master__list" data-list={list}>
        <button type="button" class="mgr-btn mgr-btn--add" onClick={onAdd} data-testid={`add-${list}`}>
          <span class="mgr-btn__icon" aria-hidden="true">
            ＋
          </span>
          {addLabel}
        </button>
        {items.length >= SEARCH_FROM && <input class="mgr-input mgr-master__search" type="search" placeholder={t('settings.search')} aria-label={t('settings.search')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />}
        <FieldError path={list} />
        <ul class="mgr-items" role="listbox" aria-label={addLabel}>
          {shown.map((item) => {
            const entry = d.draft[list][item.index] as { id: string };
            const was = before.get(entry.id);
            const state = !was ? 'new' : !same(was, entry) ? 'changed' : undefined;
            const problems = d.errorsUnder(`${list}[${item.index}]`);
            return (
              <li key={entry.id + item.index}>
                <button
                  type="button"
                  role="option"
                  aria-selected={item.index === selected}
                  class={`mgr-item${item.index === selected ? ' is-selected' : ''}${problems ? ' has-error' : ''}`}
                  onClick={() => onSelect(item.index)}
                  data-item={entry.id}
                >
                  {item.badge !== undefined && <span class="mgr-item__badge">{item.badge}</span>}
                  <span class="mgr-item__text">
                    <span class="mgr-item__title">{item.title || t('settings.untitled')}</span>
                    {item.sub && <span class="mgr-item__sub">{item.sub}</span>}
                  </span>
                  <span class="mgr-item__marks">
                    {item.tags?.map((tag) => (
                      <span key={tag.text} class={`mgr-tag mgr-tag--${tag.tone}`}>
                        {tag.text}
                      </span>
                    ))}
                    {problems > 0 && (
                      <span class="mgr-item__problems" title={t('settings.problems', { n: problems })}>
                        {problems}
                      </span>
                    )}
                    {state && <span class={`mgr-item__state mgr-item__state--${state}`}>{t(`settings.state.${state}`)}</span>}
                  </span>
                </button>
              </li>
            );
          })}
          {shown.length === 0 && <li class="mgr-items__none">{t(q ? 'settings.noMatch' : 'settings.noItems')}</li>}
        </ul>
        {removed.length > 0 && (
          <ul class="mgr-items mgr-items--removed" aria-label={t('settings.removedItems')}>
            {removed.map(({ x, at }) => (
              <li key={x.id} class="mgr-item mgr-item--removed" data-removed={x.id}>
                <span class="mgr-item__text">
                  <span class="mgr-item__title">{itemName(list, x as unknown as Record<string, unknown>)}</span>
                  <span class="mgr-item__sub">{t('settings.removedOnSave')}</span>
                </span>
                <button type="button" class="mgr-btn mgr-btn--small" onClick={() => d.edit((c) => restore(c, d.base.config, list, x.id, at))}>
                  {t('settings.restore')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="mgr-master__detail">{children}</div>
    </div>
  );
}

/** The head of an item's form: what it is, and its actions (remove, new key…). */
export function DetailHead({ title, sub, children }: { title: string; sub?: string; children?: ComponentChildren }) {
  return (
    <header class="mgr-detail__head">
      <div class="mgr-detail__what">
        <h2 class="mgr-detail__title">{title}</h2>
        {sub && <p class="mgr-detail__sub">{sub}</p>}
      </div>
      {children && <div class="mgr-detail__actions">{children}</div>}
    </header>
  );
}

/** Puts a removed item back where it was, and, for a service or a window, back where it was named. */
function restore(c: EditableConfig, base: EditableConfig, list: ListName, id: string, at: number): void {
  const item = (base[list] as Array<{ id: string }>).find((x) => x.id === id);
  if (!item) return;
  (c[list] as Array<{ id: string }>).splice(Math.min(at, c[list].length), 0, clone(item));
  if (list === 'services') {
    for (const w of c.windows) {
      const was = base.windows.find((x) => x.id === w.id)?.serviceIds ?? [];
      if (was.includes(id) && !w.serviceIds.includes(id)) w.serviceIds.splice(Math.min(was.indexOf(id), w.serviceIds.length), 0, id);
    }
  }
  for (const dev of c.devices) {
    const show = base.devices.find((x) => x.id === dev.id)?.show;
    const key = list === 'services' ? 'serviceIds' : list === 'windows' ? 'windowIds' : undefined;
    if (!key || !show?.[key]?.includes(id) || dev.show?.[key]?.includes(id)) continue;
    dev.show = { ...dev.show, [key]: [...(dev.show?.[key] ?? []), id] };
  }
}
