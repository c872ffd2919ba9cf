import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/preact';
import { PrivacyPage, retentionBody } from './Privacy';

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

const retention = { conversationDays: 30, draftDays: null, requestLogDays: null, auditLogDays: 365, requestLogMaxDays: 30 };

afterEach(() => vi.unstubAllGlobals());

describe('PrivacyPage', () => {
  it('starts an export, shows its progress while it runs and offers the download when done', async () => {
    const polls = [job('running', 40, 120), job('done', 100, 300)];
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/tenant/retention') return json(retention);
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
    expect(fetchMock.mock.calls.map((c) => c[0]).filter((u) => u !== '/api/tenant/retention')).toEqual([
      '/api/tenant/exports',
      '/api/tenant/exports/e1',
      '/api/tenant/exports/e1',
    ]);
  });

  it('says so when the export failed', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (url === '/api/tenant/retention' ? json(retention) : json(job('failed', 40, 120), 202))),
    );
    render(<PrivacyPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Export all data' }));
    expect(await screen.findByText(/The export failed/)).toBeTruthy();
  });

  it('shows the retention, and saves blank fields as kept until deleted', async () => {
    const saved: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        if (init.method === 'PUT') {
          saved.push(JSON.parse(init.body as string));
          return json({ ...(saved[0] as object), requestLogMaxDays: 30 });
        }
        return json(retention);
      }),
    );
    render(<PrivacyPage />);
    const conversations = (await screen.findByLabelText(/Customer-service conversations/)) as HTMLInputElement;
    await vi.waitFor(() => expect(conversations.value).toBe('30'));
    const requestLog = screen.getByLabelText('Request log (days)') as HTMLInputElement;
    expect(requestLog.placeholder).toBe('30 (the platform maximum)');
    fireEvent.input(requestLog, { target: { value: '7' } });
    fireEvent.input(conversations, { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText('Retention saved.')).toBeTruthy();
    expect(saved).toEqual([{ conversationDays: null, draftDays: null, requestLogDays: 7, auditLogDays: 365 }]);
  });

  it('turns the form into the API body', () => {
    expect(retentionBody({ conversationDays: '7', draftDays: '', requestLogDays: ' 14 ', auditLogDays: '' })).toEqual({
      conversationDays: 7,
      draftDays: null,
      requestLogDays: 14,
      auditLogDays: null,
    });
  });
});
