import type { MessageKey } from '../messages.ts';

const STEPS: MessageKey[] = ['stepDepartment', 'stepService', 'stepConfirm'];

/** Where the citizen is in the three steps of taking a ticket. */
export function StepBar({ step, t }: { step: 0 | 1 | 2; t: (key: MessageKey) => string }) {
  return (
    <ol class="step-bar">
      {STEPS.map((key, i) => (
        <li class={i === step ? 'step-bar__step step-bar__step--current' : i < step ? 'step-bar__step step-bar__step--done' : 'step-bar__step'} aria-current={i === step ? 'step' : undefined}>
          <span class="step-bar__n">{i + 1}</span>
          {t(key)}
        </li>
      ))}
    </ol>
  );
}
