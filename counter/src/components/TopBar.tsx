import type { ComponentChildren } from 'preact';
import type { ConnectionState } from '../../../shared/ui/use-socket.ts';
import { formatTime } from '../../../shared/ui/format.ts';
import type { StaffProfile } from '../auth.ts';
import { useNow } from '../../../shared/ui/use-now.ts';
import { ConnectionPill } from './ConnectionStatus.tsx';
import { LangSwitch } from './LangSwitch.tsx';

/** The strip across the top: where (left), who and the connection (right). */
export function TopBar({ staff, connection, children, nav, actions }: { staff: StaffProfile; connection?: ConnectionState; children: ComponentChildren; nav?: ComponentChildren; actions?: ComponentChildren }) {
  const now = useNow(5000);
  return (
    <header class="topbar">
      <div class="topbar__where">{children}</div>
      {nav}
      <div class="topbar__who">
        {connection && <ConnectionPill state={connection} />}
        <span class="topbar__clock">{formatTime(now)}</span>
        <span class="topbar__staff">
          <strong>{staff.name}</strong>
          <span class="topbar__staffno">{staff.staffNo}</span>
        </span>
        <LangSwitch />
        {actions}
      </div>
    </header>
  );
}
