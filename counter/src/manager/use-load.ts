import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../shared/ui/api.ts';

export interface Loaded<T> {
  data?: T;
  /** The key the data was loaded for: differs from the current key while the next load runs. */
  dataKey?: string;
  /** The server's refusal in plain words, or the network's. */
  error?: ApiError;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` whenever `key` changes and keeps the last good data while the next load is
 * under way (a live screen must not blink). A reply that arrives after a newer request
 * started is dropped. `onUnauthorized` hears of a 401: the login has ended.
 */
export function useLoad<T>(key: string | undefined, load: () => Promise<T>, onUnauthorized?: () => void): Loaded<T> {
  const [state, setState] = useState<{ data?: T; dataKey?: string; error?: ApiError; loading: boolean }>({ loading: key !== undefined });
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  useEffect(() => {
    if (key === undefined) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => {
        if (mine === seq.current) setState({ data, dataKey: key, loading: false });
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        const error = e instanceof ApiError ? e : new ApiError(0, 'INTERNAL', String(e));
        if (error.status === 401) unauthorized.current?.();
        setState((s) => ({ data: s.data, dataKey: s.dataKey, error, loading: false }));
      },
    );
  }, [key, nonce]);

  return { ...state, reload: () => setNonce((n) => n + 1) };
}
