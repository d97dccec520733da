import type { ComponentChildren } from 'preact';
import { REVIEW_STEPS, type ReviewStep, type ReviewStepKind } from '../../../../shared/types.ts';
import { useT } from '../../use-t.ts';
import type { ReviewView } from '../manager-api.ts';

type State = 'done' | 'current' | 'pending' | 'skipped' | 'missed';

interface Props {
  review: ReviewView;
  /** "2026-11-27 09:30" in the hall's zone. */
  when: (at: number) => string;
  /** A staff member's name by id (the id itself for someone no longer in the configuration). */
  who: (staffId: string) => string;
  /** What the step the review waits for holds: its form. */
  form?: ComponentChildren;
  /** A refusal of the step as a whole (taken by someone else meanwhile), said at the step. */
  notice?: string;
}

/**
 * 核实 → 整改 → 反馈 → 回访, one node each: a done step with when, by whom, its finding and
 * note; the step the review waits for with its form; 整改 marked unneeded after a 核实 that
 * found the complaint unfounded; the steps still to come named with what they are for.
 */
export function ReviewTimeline({ review: r, when, who, form, notice }: Props) {
  const t = useT();
  const steps = r.steps ?? [];
  const unfounded = steps.some((s) => s.kind === 'verify' && s.valid === false);
  const stateOf = (kind: ReviewStepKind, done: ReviewStep | undefined): State => {
    if (done) return 'done';
    if (kind === 'rectify' && unfounded) return 'skipped';
    if (kind === r.nextStep) return 'current';
    return r.status === 'resolved' ? 'missed' : 'pending';
  };

  return (
    <ol class="mgr-timeline" aria-label={t('reviews.progress')}>
      {REVIEW_STEPS.map((kind, i) => {
        const done = steps.find((s) => s.kind === kind);
        const state = stateOf(kind, done);
        return (
          <li key={kind} class={`mgr-timeline__step is-${state}`} data-step={kind} data-state={state}>
            <span class="mgr-timeline__marker" aria-hidden="true">
              {state === 'done' ? '✓' : state === 'skipped' ? '–' : i + 1}
            </span>
            <div class="mgr-timeline__body">
              <div class="mgr-timeline__head">
                <strong class="mgr-timeline__name">{t(`reviews.step.${kind}`)}</strong>
                {done && <Verdict step={done} />}
                {state === 'current' && <span class="mgr-tag mgr-tag--now">{t('reviews.step.now')}</span>}
                {done && (
                  <span class="mgr-timeline__meta" data-testid="step-meta">
                    <time>{when(done.at)}</time>
                    <span class="mgr-timeline__dot" aria-hidden="true">
                      ·
                    </span>
                    <span data-testid="step-by">{who(done.by)}</span>
                  </span>
                )}
              </div>
              {done && <p class={`mgr-timeline__note${kind === 'reply' ? ' mgr-timeline__note--reply' : ''}`}>{done.note}</p>}
              {done && kind === 'reply' && <p class="mgr-timeline__shown">{t('reviews.replyShown')}</p>}
              {state === 'skipped' && <p class="mgr-timeline__hint">{t('reviews.skipped')}</p>}
              {state === 'pending' && <p class="mgr-timeline__hint">{t(`reviews.stepHint.${kind}`)}</p>}
              {state === 'missed' && <p class="mgr-timeline__hint">{t('reviews.step.notDone')}</p>}
              {state === 'current' && (
                <>
                  <p class="mgr-timeline__hint">{t(`reviews.stepHint.${kind}`)}</p>
                  {notice && (
                    <p class="mgr-field__error mgr-timeline__notice" role="alert" data-error-for="step">
                      {notice}
                    </p>
                  )}
                  {form}
                </>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** 属实 / 不属实 after a 核实, 满意 / 不满意 after a 回访. */
function Verdict({ step }: { step: ReviewStep }) {
  const t = useT();
  if (step.kind === 'verify' && step.valid !== undefined) {
    return (
      <span class={`mgr-tag ${step.valid ? 'mgr-tag--warn' : 'mgr-tag--muted'}`} data-verdict={String(step.valid)}>
        {t(`reviews.valid.${step.valid}`)}
      </span>
    );
  }
  if (step.kind === 'revisit' && step.satisfied !== undefined) {
    return (
      <span class={`mgr-tag ${step.satisfied ? 'mgr-tag--good' : 'mgr-tag--warn'}`} data-verdict={String(step.satisfied)}>
        {t(`reviews.satisfied.${step.satisfied}`)}
      </span>
    );
  }
  return null;
}
