/** A whole screen saying one thing plainly: connecting, a refused key, a wrong address. */
export function StatusScreen({ title, hint, tone = 'info', heading }: { title: string; hint?: string; tone?: 'info' | 'error'; heading?: string }) {
  return (
    <div class={`status-screen status-screen--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {heading && <p class="status-screen__heading">{heading}</p>}
      {tone === 'info' && <span class="status-screen__spinner" aria-hidden="true" />}
      <p class="status-screen__title">{title}</p>
      {hint && <p class="status-screen__hint">{hint}</p>}
    </div>
  );
}
