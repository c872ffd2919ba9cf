import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/preact';
import { PluginLogs } from './PluginLogs';

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => vi.unstubAllGlobals());

describe('PluginLogs', () => {
  it('shows the ring buffer newest first, with request ids and exceptions', async () => {
    const entries = [
      { time: '2026-12-03T10:00:00Z', level: 'INFO', logger: 'atrium.plugin.acme', thread: 't', message: 'Deleted note n1' },
      {
        time: '2026-12-03T10:01:00Z',
        level: 'ERROR',
        logger: 'atrium.plugin.acme',
        thread: 't',
        message: 'Route POST /echo failed',
        requestId: 'req-42',
        exception: { class: 'java.lang.IllegalStateException', message: 'boom', stackTrace: ['com.acme.Echo.run(Echo.java:12)'] },
      },
    ];
    const fetchMock = vi.fn(async (url: string) => {
      expect(url).toContain('/api/admin/plugins/acme/logs');
      return json({ data: entries, capacity: 200 });
    });
    vi.stubGlobal('fetch', fetchMock);
    const onClose = vi.fn();
    render(<PluginLogs id="acme" onClose={onClose} />);

    await screen.findByText('Deleted note n1');
    const rows = screen.getAllByRole('row');
    expect(rows[1].textContent).toContain('Route POST /echo failed'); // newest first
    expect(rows[1].textContent).toContain('req-42');
    expect(rows[2].textContent).toContain('—');
    expect(screen.getByText('java.lang.IllegalStateException')).toBeTruthy();
    expect(screen.getByText(/last 200 log entries/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  }, 30000);

  it('says so when nothing was logged', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ data: [], capacity: 200 })));
    render(<PluginLogs id="acme" onClose={() => {}} />);
    await screen.findByText('Nothing logged yet.');
  }, 30000);
});
