import { afterEach, describe, expect, it, vi } from 'vitest';
import { get, getToken, onUnauthorized, setToken, type SessionEnd } from './api';

function answer(status: number, code: string) {
  return vi.fn(async () =>
    new Response(JSON.stringify({ status, code, detail: `refused: ${code}` }), {
      status,
      headers: { 'Content-Type': 'application/problem+json' },
    }),
  );
}

describe('the end of a session', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setToken(null);
  });

  it.each([
    [401, 'unauthorized', 'expired'],
    [403, 'tenant_suspended', 'suspended'],
  ] as const)('a %i %s signs the user out, telling why', async (status, code, why) => {
    setToken('token');
    vi.stubGlobal('fetch', answer(status, code));
    const heard: SessionEnd[] = [];
    const stop = onUnauthorized((w) => heard.push(w));
    await expect(get('/api/keys')).rejects.toMatchObject({ status, code });
    stop();
    expect(heard).toEqual([why]);
    expect(getToken()).toBeNull();
  });

  it('any other 403 keeps the session', async () => {
    setToken('token');
    vi.stubGlobal('fetch', answer(403, 'insufficient_role'));
    const heard: SessionEnd[] = [];
    const stop = onUnauthorized((w) => heard.push(w));
    await expect(get('/api/users')).rejects.toMatchObject({ code: 'insufficient_role' });
    stop();
    expect(heard).toEqual([]);
    expect(getToken()).toBe('token');
  });
});
