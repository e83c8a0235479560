// Pure rules of the desktop host's security policy, kept apart from Electron so
// they can be tested without the binary.
export const APP_SCHEME = 'concord';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** IPC is only answered for our own page, loaded over our own protocol. */
export function isTrustedSender(url: string | undefined): boolean {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'app';
  } catch {
    return false;
  }
}

/** Navigation inside the window may only stay on the app's own origin. */
export const isAppUrl = (url: string): boolean => isTrustedSender(url);

/** Maps a request path on the app protocol to a file under root, or null if it escapes. */
export function resolveAppFile(root: string, pathname: string, sep = '/'): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const parts: string[] = [];
  for (const part of decoded.split(/[/\\]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return [root.replace(/[/\\]+$/, ''), ...(parts.length ? parts : ['index.html'])].join(sep);
}
