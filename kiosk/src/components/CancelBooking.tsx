import { ApiError } from '../../../shared/ui/api.ts';
import { type AppointmentView, appointmentsApi, type BookingHolder } from '../appointments-api.ts';
import type { MessageKey } from '../messages.ts';
import { ConfirmCancel } from './ConfirmCancel.tsx';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** 取消预约 from the booking's own page. */
export function CancelBooking({ holder, when, t, onCancelled }: { holder: BookingHolder; when: string; t: T; onCancelled: (a: AppointmentView) => void }) {
  return (
    <ConfirmCancel
      testId="cancel-booking"
      text={{ open: t('cancelBooking'), question: t('cancelBookingQuestion', { when }), no: t('cancelBookingNo'), yes: t('cancelBookingYes'), busy: t('cancelling') }}
      cancel={async () => onCancelled((await appointmentsApi.cancel(holder)).appointment)}
      refusal={(e: ApiError) => ((e.code as string) === 'CANCEL_TOO_LATE' ? t('bookCancelTooLate') : undefined)}
    />
  );
}
