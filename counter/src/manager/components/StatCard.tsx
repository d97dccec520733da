import type { ComponentChildren } from 'preact';

/** One headline figure: label, the value large (its unit smaller), a line of context below. */
export function StatCard({
  label,
  value,
  unit,
  sub,
  tone,
  testId,
  onClick,
}: {
  label: string;
  value: ComponentChildren;
  unit?: string;
  sub?: ComponentChildren;
  tone?: 'good' | 'warn' | 'bad';
  testId?: string;
  onClick?: () => void;
}) {
  const body = (
    <>
      <span class="mgr-stat__label">{label}</span>
      <strong class="mgr-stat__value">
        {value}
        {unit && <span class="mgr-stat__unit">{unit}</span>}
      </strong>
      {sub !== undefined && <span class="mgr-stat__sub">{sub}</span>}
    </>
  );
  const cls = `mgr-stat${tone ? ` mgr-stat--${tone}` : ''}${onClick ? ' mgr-stat--link' : ''}`;
  return onClick ? (
    <button type="button" class={cls} data-testid={testId} onClick={onClick}>
      {body}
    </button>
  ) : (
    <div class={cls} data-testid={testId}>
      {body}
    </div>
  );
}
