import { useT } from '../../../use-t.ts';
import type { Change } from './draft-model.ts';

/** What a change is, in a few words: "新增 事项 社保卡补办", "修改 开放时间 周六". */
export function useChangeText(): (c: Change) => string {
  const t = useT();
  return (c) => {
    if (c.section === 'hall' || c.section === 'rules') {
      const [group, key] = c.field.split('.');
      const what = c.section === 'hall' ? (group === 'hours' ? `${t('settings.hours.title')} ${t(`settings.weekday.${key as 'mon'}`)}` : t(`settings.change.hall.${group as 'name'}`)) : t(`settings.change.rules.${group as 'limits'}`);
      return `${t('settings.change.changed')} ${what}`;
    }
    return `${t(`settings.change.${c.kind}`)} ${t(`settings.change.list.${c.section}`)} ${c.name}`;
  };
}

/** The unsaved changes, one a line; a click goes to where the change is. */
export function ChangeList({ changes, onGo }: { changes: Change[]; onGo: (c: Change) => void }) {
  const text = useChangeText();
  return (
    <ul class="mgr-changes" data-testid="change-list">
      {changes.map((c, i) => (
        <li key={i}>
          <button type="button" class={`mgr-changes__item mgr-changes__item--${c.kind}`} onClick={() => onGo(c)}>
            {text(c)}
          </button>
        </li>
      ))}
    </ul>
  );
}
