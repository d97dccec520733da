import { useNow } from '../../../../shared/ui/use-now.ts';
import { formatDate, formatTime } from '../../../../shared/ui/format.ts';
import type { Lang } from '../../../../shared/ui/i18n.ts';
import type { ConnectionState } from '../../../../shared/ui/use-socket.ts';
import { HALL_ZONE } from '../format.ts';
import { useT } from '../../use-t.ts';

const useMinuteClock = () => useNow(10_000);

interface Props {
  hallName?: string;
  staff: { name: string; staffNo: string; departmentName: string };
  connection: ConnectionState;
  lang: Lang;
  onLang: (l: Lang) => void;
  onLogout: () => void;
}

/** Hall and view on the left; connection, date and time, who is logged in, language and log out on the right. */
export function ManagerTopBar({ hallName, staff, connection, lang, onLang, onLogout }: Props) {
  const t = useT();
  const now = useMinuteClock();
  const conn = connection === 'online' ? 'manager.conn.online' : connection === 'offline' ? 'manager.conn.offlineShort' : connection === 'refused' ? 'manager.conn.refused' : 'conn.connecting';
  return (
    <header class="mgr-top">
      <div class="mgr-top__where">
        <span class="mgr-top__emblem" aria-hidden="true" />
        <span class="mgr-top__hall">{hallName ?? '\u00a0'}</span>
        <span class="mgr-top__view">{t('manager.title')}</span>
      </div>
      <div class="mgr-top__who">
        <span class={`mgr-conn mgr-conn--${connection}`} data-testid="connection">
          <span class="mgr-conn__dot" aria-hidden="true" />
          {t(conn)}
        </span>
        <span class="mgr-top__clock">
          {formatDate(now, lang, HALL_ZONE)} {formatTime(now, HALL_ZONE)}
        </span>
        <span class="mgr-top__staff">
          <strong>{staff.name}</strong>
          <span>
            {staff.departmentName} · {staff.staffNo}
          </span>
        </span>
        <button type="button" class="mgr-top__btn" aria-label={t('lang.switchLabel')} onClick={() => onLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('lang.switch')}
        </button>
        <button type="button" class="mgr-top__btn" onClick={onLogout}>
          {t('logout')}
        </button>
      </div>
    </header>
  );
}
