/**
 * Arrow-key movement between the buttons of a card grid: left/right step through them in
 * reading order, up/down go to the nearest button in the row above or below.
 */
export function moveFocus(container: HTMLElement, from: HTMLElement, key: string): boolean {
  const buttons = [...container.querySelectorAll<HTMLButtonElement>('button[data-nav]:not(:disabled)')];
  const i = buttons.indexOf(from as HTMLButtonElement);
  if (i < 0) return false;
  let next: HTMLButtonElement | undefined;
  if (key === 'ArrowRight') next = buttons[i + 1];
  else if (key === 'ArrowLeft') next = buttons[i - 1];
  else if (key === 'ArrowDown' || key === 'ArrowUp') {
    const r = from.getBoundingClientRect();
    const down = key === 'ArrowDown';
    let best = Infinity;
    for (const b of buttons) {
      const q = b.getBoundingClientRect();
      const dy = down ? q.top - r.bottom : r.top - q.bottom;
      if (dy < -1) continue;
      const score = dy * 4 + Math.abs(q.left + q.width / 2 - (r.left + r.width / 2));
      if (score < best) {
        best = score;
        next = b;
      }
    }
  } else return false;
  next?.focus();
  return true;
}
