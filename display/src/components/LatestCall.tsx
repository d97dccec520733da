import { useRef } from 'preact/hooks';
import type { CallView } from '../../../shared/views.ts';
import type { T } from '../messages.ts';
import { useFitWidth } from '../use-fit-width.ts';
import { RichText } from './RichText.tsx';

/** The call being announced, as large as the screen allows; it flashes for a few seconds when new. */
export function LatestCall({ call, flashing, t, calledBefore = false }: { call?: CallView; flashing: boolean; t: T; calledBefore?: boolean }) {
  const sentence = useRef<HTMLParagraphElement>(null);
  const template = t('callSentence');
  useFitWidth(sentence, [call?.id, template]);
  return (
    <section class={`latest-call${flashing ? ' latest-call--flash' : ''}`} aria-live="assertive" aria-atomic="true">
      <div class="latest-call__label">
        <span>{t('nowCalling')}</span>
        {call && call.callCount > 1 && <span class="latest-call__recall">{t('recallBadge', { n: call.callCount })}</span>}
      </div>
      {call ? (
        // Keyed by announcement, so a recall restarts the flash.
        <p class="latest-call__sentence" key={call.id} data-call-id={call.id} ref={sentence}>
          <RichText
            template={template}
            slots={{
              number: <span class="latest-call__number">{call.number}</span>,
              window: <span class="latest-call__window">{call.windowNumber}</span>,
            }}
          />
        </p>
      ) : (
        <p class="latest-call__empty">{t(calledBefore ? 'noCallNow' : 'noCallsYet')}</p>
      )}
    </section>
  );
}
