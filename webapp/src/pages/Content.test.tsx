import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { ContentPage } from './Content';
import { sseResponse } from '../sse.testing';

const template = {
  id: 'social-x-en',
  name: 'Social post: X',
  description: 'A post for X',
  language: 'en',
  category: 'social',
  channel: 'x',
  builtIn: true,
  output: { type: 'text', maxChars: 280 },
  variables: [{ name: 'topic', type: 'text', required: true }],
};

const event = (e: object) => `data: ${JSON.stringify(e)}\n\n`;

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('ContentPage', () => {
  it('asks for a key first', () => {
    render(<ContentPage />);
    expect(screen.getByText('Paste an API key above to use the content studio.')).toBeTruthy();
  });

  it('shows the gallery and streams two variants side by side with their moderation', async () => {
    sessionStorage.setItem('atrium.playgroundKey', 'atr_test');
    const sent: any[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        if (url.startsWith('/v1/content/templates')) {
          return new Response(JSON.stringify({ data: [template] }), { headers: { 'Content-Type': 'application/json' } });
        }
        sent.push(JSON.parse(String(init.body)));
        return sseResponse([
          event({ type: 'token', variant: 0, attempt: 1, text: 'Spring ' }),
          event({ type: 'token', variant: 1, attempt: 1, text: 'Picnic' }),
          event({
            type: 'result',
            variants: [
              { text: 'Spring picnic!', draftId: 'd-1', attempts: 1, moderation: { status: 'clean', bannedTerms: [] } },
              { text: 'Picnic day', draftId: 'd-2', attempts: 3, moderation: { status: 'flagged', bannedTerms: [] } },
            ],
          }),
          'data: [DONE]\n\n',
        ]);
      }),
    );
    render(<ContentPage />);
    fireEvent.click(await screen.findByRole('listitem'));
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(await screen.findByText('Required, or not of the right type.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText(/topic/), { target: { value: 'a picnic' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(screen.getByText('Picnic day')).toBeTruthy());
    expect(screen.getByText('Spring picnic!')).toBeTruthy();
    expect(screen.getByText('flagged')).toBeTruthy();
    expect(sent[0]).toEqual({ templateId: 'social-x-en', variables: { topic: 'a picnic' }, n: 2, stream: true });
  });
});
