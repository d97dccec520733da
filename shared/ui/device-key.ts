/**
 * A device screen gets its key once, as `?key=` in the URL it was installed with, and
 * keeps it: the key is stored and removed from the address bar so it is not shown on
 * screen or left in the history.
 */
export function deviceKey(storageName: string): string | undefined {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    localStorage.setItem(storageName, fromUrl);
    url.searchParams.delete('key');
    history.replaceState(null, '', url.pathname + (url.search ? url.search : '') + url.hash);
    return fromUrl;
  }
  return localStorage.getItem(storageName) ?? undefined;
}
