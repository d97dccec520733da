import type { MessageKey } from '../messages.ts';

const STEPS: MessageKey[] = ['bookStepService', 'bookStepDay', 'bookStepSlot', 'bookStepDetails'];

/** Where the citizen is in the four steps of booking: "第 2 步，共 4 步 · 选日期" over a bar of four. */
export function BookProgress({ step, t }: { step: 0 | 1 | 2 | 3; t: (key: MessageKey, vars?: Record<string, string | number>) => string }) {
  return (
    <div class="book-progress" data-step={step + 1}>
      <p class="book-progress__text">
        <span>{t('bookStepOf', { n: step + 1 })}</span>
        <strong>{t(STEPS[step])}</strong>
      </p>
      <ol class="book-progress__bar" aria-hidden="true">
        {STEPS.map((_, i) => (
          <li class={i < step ? 'is-done' : i === step ? 'is-current' : ''} />
        ))}
      </ol>
    </div>
  );
}
