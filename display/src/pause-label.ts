import type { PauseReason } from '../../shared/types.ts';
import type { MessageKey } from './messages.ts';

export const PAUSE_LABEL: Record<PauseReason, MessageKey> = {
  break: 'pauseBreak',
  leave: 'pauseLeave',
  meeting: 'pauseMeeting',
  other: 'pauseOther',
};
