/** The key that triggers an action, shown on its button. */
export function Keycap({ k }: { k: string }) {
  return (
    <kbd class="keycap" aria-hidden="true">
      {k}
    </kbd>
  );
}
