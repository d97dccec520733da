import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Case } from '../../shared/types.ts';
import { pendingCases } from './window-api.ts';

export interface PendingCases {
  cases?: Case[];
  error?: unknown;
  reload: () => void;
}

/** The department's 受理 cases not yet 办结; fetched on demand, since the socket does not carry them. */
export function usePendingCases(token: string): PendingCases {
  const [cases, setCases] = useState<Case[]>();
  const [error, setError] = useState<unknown>();
  const reload = useCallback(() => {
    pendingCases(token).then(
      (c) => {
        setCases(c);
        setError(undefined);
      },
      (e: unknown) => setError(e),
    );
  }, [token]);
  useEffect(reload, [reload]);
  return { cases, error, reload };
}
