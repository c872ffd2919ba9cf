import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/preact';
import { ApiError } from '../api';
import { I18nContext, translator } from '../i18n';
import { ConfirmDialog, CopyButton, ErrorMessage, StatusBadge } from './ui';

const zh = { lang: 'zh' as const, t: translator('zh'), setLang: () => {} };

describe('ErrorMessage', () => {
  it('shows the problem detail, not JSON', () => {
    render(<ErrorMessage error={new ApiError(409, 'email_taken', 'This e-mail address is already registered.')} />);
    expect(screen.getByRole('alert').textContent).toContain('This e-mail address is already registered.');
  });

  it('says a missing endpoint is not available yet', () => {
    render(<ErrorMessage error={new ApiError(404, 'route_not_found', 'No such endpoint.')} />);
    expect(screen.getByRole('alert').textContent).toContain('Not available on this server yet.');
  });

  it('offers a retry', () => {
    const retry = vi.fn();
    render(<ErrorMessage error={new ApiError(500, 'internal_error', 'Boom.')} onRetry={retry} />);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalled();
  });
});

describe('StatusBadge', () => {
  it('translates known statuses', () => {
    render(
      <I18nContext.Provider value={zh}>
        <StatusBadge status="revoked" />
      </I18nContext.Provider>,
    );
    expect(screen.getByText('已吊销')).toBeTruthy();
  });
});

describe('CopyButton', () => {
  it('copies the text and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    render(<CopyButton text="atr_secret" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findAllByText('Copied');
    expect(writeText).toHaveBeenCalledWith('atr_secret');
  });
});

describe('ConfirmDialog', () => {
  it('is a labelled modal that Escape cancels', () => {
    const cancel = vi.fn();
    render(<ConfirmDialog title="Revoke" message="Sure?" confirmLabel="Revoke" onConfirm={() => {}} onCancel={cancel} />);
    const dialog = screen.getByRole('dialog', { name: 'Revoke' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(cancel).toHaveBeenCalled();
  });
});
