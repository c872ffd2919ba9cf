import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { SessionContext } from '../session';
import { KeysPage } from './Keys';

const me = { user: { id: 'u', email: 'o@x.test', role: 'owner', status: 'active' }, tenant: { id: 't', name: 'Acme' }, role: 'owner' };

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => vi.unstubAllGlobals());

describe('KeysPage', () => {
  it('creates a key and shows it once with a copy button', async () => {
    const keys: any[] = [];
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (init.method === 'POST') {
        const k = { id: 'k1', name: JSON.parse(String(init.body)).name, prefix: 'atr_ab12', scopes: ['*'], status: 'active', createdAt: new Date().toISOString(), expiresAt: null, lastUsedAt: null, revokedAt: null, replacedBy: null };
        keys.push(k);
        return json({ ...k, key: 'atr_ab12_secret' }, 201);
      }
      return json({ data: keys });
    });
    vi.stubGlobal('fetch', fetchMock);
    render(
      <SessionContext.Provider value={{ me, signOut: () => {} }}>
        <KeysPage />
      </SessionContext.Provider>,
    );
    await screen.findByText('No API keys yet. Create one to call the API.');
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    fireEvent.input(screen.getByLabelText('Key name'), { target: { value: 'ci' } });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your new API key' });
    expect((dialog.querySelector('input') as HTMLInputElement).value).toBe('atr_ab12_secret');
    expect(sessionStorage.getItem('atrium.playgroundKey')).toBe('atr_ab12_secret'); // the playground's key now
    expect(screen.getByRole('button', { name: 'Your new API key' })).toBeTruthy();
    await waitFor(() => expect(screen.getAllByText('ci').length).toBeGreaterThan(0));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByDisplayValue('atr_ab12_secret')).toBeNull();
  });

  it('shows the server problem when creation fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) =>
        init.method === 'POST'
          ? new Response(JSON.stringify({ code: 'invalid_field', detail: "Scope 'X' is not valid." }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } })
          : json({ data: [] }),
      ),
    );
    render(
      <SessionContext.Provider value={{ me, signOut: () => {} }}>
        <KeysPage />
      </SessionContext.Provider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Create key' }));
    fireEvent.input(screen.getByLabelText('Key name'), { target: { value: 'ci' } });
    fireEvent.submit(screen.getByLabelText('Key name').closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toContain("Scope 'X' is not valid.");
  });

  it('offers the scopes the server exposes as checkboxes and sends the chosen ones', async () => {
    const posted: any[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        if (init.method === 'POST') {
          posted.push(JSON.parse(String(init.body)));
          return json({ id: 'k2', name: 'narrow', prefix: 'atr_cd34', scopes: ['embeddings'], status: 'active', createdAt: new Date().toISOString(), expiresAt: null, lastUsedAt: null, revokedAt: null, replacedBy: null, key: 'atr_cd34_secret' }, 201);
        }
        if (url === '/api/scopes') return json({ data: [{ scope: '*', kind: 'all' }, { scope: 'embeddings', kind: 'platform' }, { scope: 'plugin:tutoring', kind: 'plugin', plugin: 'tutoring' }] });
        if (url === '/api/plugins') return json({ data: [{ id: 'tutoring', name: 'Tutoring', translations: {}, enabled: true }] });
        return json({ data: [] });
      }),
    );
    render(
      <SessionContext.Provider value={{ me, signOut: () => {} }}>
        <KeysPage />
      </SessionContext.Provider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Create key' }));
    const everything = (await screen.findByLabelText('Everything (*)')) as HTMLInputElement;
    expect(everything.checked).toBe(true);
    expect(screen.getByRole('checkbox', { name: /Tutoring/ })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Key name'), { target: { value: 'narrow' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Embeddings/ }));
    expect(everything.checked).toBe(false);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create key' }));
    await screen.findByRole('dialog', { name: 'Your new API key' });
    expect(posted[0].scopes).toEqual(['embeddings']);
  });

  it('refuses to create a key with no scope before asking the server', async () => {
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) => (url === '/api/scopes' ? json({ data: [{ scope: '*', kind: 'all' }] }) : json({ data: [] })));
    vi.stubGlobal('fetch', fetchMock);
    render(
      <SessionContext.Provider value={{ me, signOut: () => {} }}>
        <KeysPage />
      </SessionContext.Provider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Create key' }));
    fireEvent.click(await screen.findByLabelText('Everything (*)'));
    fireEvent.input(screen.getByLabelText('Key name'), { target: { value: 'none' } });
    fireEvent.submit(screen.getByLabelText('Key name').closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toContain('Choose at least one scope.');
    expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'POST')).toBe(false);
  });
});
