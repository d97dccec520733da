import type { ComponentChildren } from 'preact';

/** A white card with a heading; `aside` sits at the heading's right (a count, a switch, a button). */
export function Panel({ title, aside, children, class: extra }: { title: string; aside?: ComponentChildren; children: ComponentChildren; class?: string }) {
  return (
    <section class={`mgr-panel${extra ? ` ${extra}` : ''}`} aria-label={title}>
      <header class="mgr-panel__head">
        <h2 class="mgr-panel__title">{title}</h2>
        {aside && <div class="mgr-panel__aside">{aside}</div>}
      </header>
      {children}
    </section>
  );
}
