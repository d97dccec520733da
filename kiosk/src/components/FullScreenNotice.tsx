import type { ComponentChildren } from 'preact';

type Tone = 'calm' | 'warn' | 'busy';

/** A whole-screen state in plain words: out of hours, not authorised, connecting. Never a blank screen. */
export function FullScreenNotice({ tone, title, body, children }: { tone: Tone; title: string; body?: string; children?: ComponentChildren }) {
  return (
    <section class={`notice notice--${tone}`} role="status" aria-live="polite">
      <div class="notice__icon" aria-hidden="true">
        {tone === 'busy' ? <span class="spinner" /> : tone === 'warn' ? <WarnIcon /> : <ClockIcon />}
      </div>
      <h2 class="notice__title">{title}</h2>
      {body && <p class="notice__body">{body}</p>}
      {children}
    </section>
  );
}

function ClockIcon() {
  return (
    <svg viewBox="0 0 48 48">
      <circle cx="24" cy="24" r="20" fill="none" stroke="currentColor" stroke-width="4" />
      <path d="M24 12v13l8 5" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" />
    </svg>
  );
}

function WarnIcon() {
  return (
    <svg viewBox="0 0 48 48">
      <path d="M24 5 2 43h44L24 5Z" fill="none" stroke="currentColor" stroke-width="4" stroke-linejoin="round" />
      <path d="M24 19v11" stroke="currentColor" stroke-width="4" stroke-linecap="round" />
      <circle cx="24" cy="36" r="2.5" fill="currentColor" />
    </svg>
  );
}
