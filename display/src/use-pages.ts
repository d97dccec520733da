import { useEffect, useState } from 'preact/hooks';

/**
 * When more items than fit are to be shown, show them a page at a time, turning the page
 * every `everyMs` — a wall screen has nobody to scroll it.
 */
export function usePages<T>(items: T[], perPage: number, everyMs = 10_000): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / Math.max(1, perPage)));
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (pages <= 1) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), everyMs);
    return () => clearInterval(timer);
  }, [pages, everyMs]);
  const current = page % pages;
  return { items: items.slice(current * perPage, (current + 1) * perPage), page: current, pages };
}
