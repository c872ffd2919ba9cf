// The API key the playground calls /v1 with, kept in sessionStorage for the tab (like the dashboard
// token), never in localStorage: a key is a secret shown once. A key created on the keys page becomes the playground's key when it has none, a rotated
// key's replacement takes its place, and a revoked key stops being it.

const PLAYGROUND_KEY = 'atrium.playgroundKey';

export function storedPlaygroundKey(): string {
  try {
    return sessionStorage.getItem(PLAYGROUND_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberPlaygroundKey(key: string): void {
  try {
    sessionStorage.setItem(PLAYGROUND_KEY, key);
  } catch {
    // storage disabled: the playground asks for a key again
  }
}

/** Forgets the playground's key if it is the revoked key with this prefix. */
export function forgetRevokedPlaygroundKey(prefix: string): void {
  if (prefix && storedPlaygroundKey().startsWith(prefix)) rememberPlaygroundKey('');
}

/** True when `key` can be an Atrium API key (atr_ and a random token): anything else is not sent. */
export function plausibleKey(key: string): boolean {
  return /^atr_[A-Za-z0-9_-]{16,200}$/.test(key);
}
