import type { CallView, WindowView } from '../views.ts';

/**
 * What a hall screen shows of the calls: the number being called now, and the calls
 * before it. A call stays "now calling" only while its window still has that number
 * called (not yet being served, not finished, transferred or paused away); the earlier
 * calls list each number once, at its latest call.
 */
export function callsOnBoard(recentCalls: readonly CallView[], windows: readonly WindowView[]): { calling?: CallView; earlier: CallView[] } {
  const byId = new Map(windows.map((w) => [w.id, w]));
  const stillCalled = (c: CallView) => {
    const w = byId.get(c.windowId);
    return !!w && w.status !== 'paused' && w.currentNumber === c.number && w.currentStatus === 'called';
  };
  const calling = recentCalls.find(stillCalled);
  const seen = new Set(calling ? [calling.number] : []);
  const earlier: CallView[] = [];
  for (const c of recentCalls) {
    if (c === calling || seen.has(c.number)) continue;
    seen.add(c.number);
    earlier.push(c);
  }
  return { calling, earlier };
}
