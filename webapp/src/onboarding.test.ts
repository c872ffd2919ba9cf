import { describe, expect, it } from 'vitest';
import { checklist, KEY_PLACEHOLDER, readLocalFacts, snippet, writeLocalFacts } from './onboarding';
import { plausibleKey, rememberPlaygroundKey } from './playgroundKey';

const fresh = { copied: false, dismissed: false };
const active = { status: 'active', lastUsedAt: null };

describe('checklist', () => {
  it('starts at creating a key for a new tenant', () => {
    const c = checklist({ keys: [], plugins: [{ enabled: false }] }, fresh);
    expect(c.done).toEqual({ key: false, snippet: false, plugin: false, call: false });
    expect(c.next).toBe('key');
    expect(c.visible).toBe(true);
  });

  it('ticks each step from what the server says and the copy this browser saw', () => {
    expect(checklist({ keys: [active], plugins: [] }, fresh).next).toBe('snippet');
    expect(checklist({ keys: [active], plugins: [] }, { ...fresh, copied: true }).next).toBe('plugin');
    expect(checklist({ keys: [active], plugins: [{ enabled: true }] }, { ...fresh, copied: true }).next).toBe('call');
    const used = { status: 'active', lastUsedAt: '2026-12-03T10:00:00Z' };
    const all = checklist({ keys: [used], plugins: [{ enabled: true }] }, fresh);
    expect(all.done).toEqual({ key: true, snippet: true, plugin: true, call: true });
    expect(all.complete).toBe(true);
    expect(all.visible).toBe(true); // ticked off until dismissed
  });

  it('a revoked key is not a key, but its use still counts as the first call', () => {
    expect(checklist({ keys: [{ status: 'revoked', lastUsedAt: null }], plugins: [] }, fresh).done.key).toBe(false);
    expect(checklist({ keys: [{ status: 'revoked', lastUsedAt: '2026-12-01T00:00:00Z' }], plugins: [] }, fresh).done.call).toBe(true);
  });

  it('hides when dismissed, and remembers it per tenant and user without the key', () => {
    localStorage.clear();
    rememberPlaygroundKey('atr_secretsecretsecret1234');
    writeLocalFacts('t1', 'u1', { copied: true, dismissed: true });
    expect(readLocalFacts('t1', 'u1')).toEqual({ copied: true, dismissed: true });
    expect(readLocalFacts('t2', 'u1')).toEqual(fresh);
    expect(checklist({ keys: [], plugins: [] }, readLocalFacts('t1', 'u1')).visible).toBe(false);
    expect(JSON.stringify({ ...localStorage })).not.toContain('atr_secret');
  });

  it('reads corrupt storage as nothing done', () => {
    localStorage.setItem('atrium.onboarding.t3.u3', '{not json');
    expect(readLocalFacts('t3', 'u3')).toEqual(fresh);
  });
});

describe('snippet', () => {
  const key = 'atr_abcdefgh_0123456789abcdef';
  it.each(['curl', 'python', 'java'] as const)('%s carries the key and the server address', (language) => {
    const code = snippet(language, 'https://atrium.example/', key);
    expect(code).toContain(key);
    expect(code).toContain('https://atrium.example/v1/embeddings');
    expect(code).not.toContain(KEY_PLACEHOLDER);
    expect(code).not.toContain('ATRIUM_API_KEY');
  });

  it.each(['curl', 'python', 'java'] as const)('%s reads the key from the environment when the tab has none', (language) => {
    const code = snippet(language, 'http://127.0.0.1:8080', null);
    expect(code).toContain('ATRIUM_API_KEY');
    expect(code).not.toContain('atr_');
  });

  it('is valid shell, Python and Java text', () => {
    expect(snippet('curl', 'http://h', key).split('\n').slice(0, -1).every((l) => l.endsWith('\\'))).toBe(true);
    const python = snippet('python', 'http://h', key);
    expect(python).toContain(`key = "${key}"`);
    expect(python).not.toContain('import os');
    const java = snippet('java', 'http://h', key);
    expect(java).toContain(`String key = "${key}";`);
    expect(java.match(/\{/g)?.length).toBe(java.match(/\}/g)?.length);
  });
});

describe('plausibleKey', () => {
  it('sends only what can be a key', () => {
    expect(plausibleKey('atr_abcdefgh_0123456789abcdef')).toBe(true);
    expect(plausibleKey('')).toBe(false);
    expect(plausibleKey('atr_')).toBe(false);
    expect(plausibleKey('atr_abc')).toBe(false);
    expect(plausibleKey('sk-abcdefghijklmnopqrstuvwxyz')).toBe(false);
    expect(plausibleKey('atr_abcdefgh 0123456789abcdef')).toBe(false);
  });
});
