import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/preact';
import { PrivacyPage } from './Privacy';

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const job = (state: string, percent: number, rows: number) => ({
  id: 'e1',
  state,
  percent,
  rows,
  step: 'tables/api_keys.ndjson',
  startedAt: '2026-12-03T10:00:00Z',
  finishedAt: state === 'done' ? '2026-12-03T10:00:05Z' : null,
  ...(state === 'done' ? { download: '/api/tenant/exports/e1/archive', expiresAt: '2026-12-03T11:00:05Z' } : {}),
});

afterEach(() => vi.unstubAllGlobals());

describe('PrivacyPage', () => {
  it('starts an export, shows its progress while it runs and offers the download when done', async () => {
    const polls = [job('running', 40, 120), job('done', 100, 300)];
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (init.method === 'POST') return json(job('running', 0, 0), 202);
      return json(polls.shift());
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<PrivacyPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Export all data' }));
    expect(await screen.findByText('Preparing the export: 40% (120 rows so far)', {}, { timeout: 3000 })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export all data' }) as HTMLButtonElement).disabled).toBe(true);
    expect(await screen.findByRole('button', { name: 'Download archive' }, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByText(/The export is ready: 300 rows/)).toBeTruthy();
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual([
      '/api/tenant/exports',
      '/api/tenant/exports/e1',
      '/api/tenant/exports/e1',
    ]);
  });

  it('says so when the export failed', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(job('failed', 40, 120), 202)),
    );
    render(<PrivacyPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Export all data' }));
    expect(await screen.findByText(/The export failed/)).toBeTruthy();
  });
});
