import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { I18nContext, translator } from '../i18n';
import { SessionContext } from '../session';
import { chunk, sseResponse, usage } from '../sse.testing';
import { ChatPlayground } from './ChatPlayground';
import { PlaygroundPage } from './Playground';

const me = { user: { id: 'u', email: 'o@x.test', role: 'owner', status: 'active' }, tenant: { id: 't', name: 'Acme' }, role: 'owner' };
const models = {
  data: [
    { id: 'minilm', task: 'embedding', contextLength: 256 },
    { id: 'stories260k', task: 'generation', contextLength: 2048, ownedBy: 'atrium' },
  ],
  error: undefined,
  loading: false,
  reload: () => {},
};

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => vi.unstubAllGlobals());

describe('ChatPlayground', () => {
  it('offers only generation models, streams the answer and shows the call figures', async () => {
    const bodies: any[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        bodies.push(JSON.parse(String(init.body)));
        return sseResponse([chunk({ role: 'assistant' }), chunk({ content: 'Once upon' }), chunk({ content: ' a time' }), chunk({}, 'length'), usage(9, 2), 'data: [DONE]\n\n']);
      }),
    );
    const { container } = render(<ChatPlayground apiKey="atr_k" models={models} />);
    const ids = [...container.querySelectorAll('[id]')].map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const picker = screen.getByLabelText('Model') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.value)).toEqual(['stories260k']);
    expect(screen.getByText('Context: 2048 tokens for prompt and answer')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('System prompt'), { target: { value: 'Tell stories.' } });
    fireEvent.input(screen.getByLabelText('Max tokens'), { target: { value: '2' } });
    fireEvent.input(screen.getByLabelText('Message'), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    await screen.findByText('Once upon a time');
    const figures = await screen.findByText('9 prompt + 2 completion tokens');
    expect(figures.closest('.call-stats')!.textContent).toContain('finish: length (max tokens reached)');
    expect(bodies[0]).toMatchObject({
      model: 'stories260k',
      max_tokens: 2,
      stream: true,
      messages: [
        { role: 'system', content: 'Tell stories.' },
        { role: 'user', content: 'Hello' },
      ],
    });

    // The next call carries the whole conversation.
    fireEvent.input(screen.getByLabelText('Message'), { target: { value: 'And then?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1].messages.map((m: any) => m.content)).toEqual(['Tell stories.', 'Hello', 'Once upon a time', 'And then?']);
    await waitFor(() => expect(screen.getAllByText('9 prompt + 2 completion tokens')).toHaveLength(2));

    fireEvent.click(screen.getByRole('button', { name: 'Clear conversation' }));
    expect(screen.queryByText('Once upon a time')).toBeNull();
  });

  it('stops a call with Stop and keeps the text so far', async () => {
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => sseResponse([chunk({ content: 'Once' })], init.signal!)));
    render(<ChatPlayground apiKey="atr_k" models={models} />);
    fireEvent.input(screen.getByLabelText('Message'), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Once');
    expect(screen.getByRole('log').getAttribute('aria-busy')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await screen.findByText('finish: stopped by you');
    expect(screen.getByRole('log').getAttribute('aria-busy')).toBe('false');
  });

  it('puts the message back and shows the problem when the call is refused', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ error: { message: 'temperature must be between 0 and 2.', type: 'invalid_request_error', code: 'invalid_value' } }, 400)));
    render(<ChatPlayground apiKey="atr_k" models={models} />);
    fireEvent.input(screen.getByLabelText('Message'), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('temperature must be between 0 and 2.');
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Hello');
    expect(screen.queryByText('Hello', { selector: '.chat-text' })).toBeNull();
  });

  it('speaks Chinese', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => sseResponse([chunk({ content: '从前' }), chunk({}, 'stop'), usage(5, 1), 'data: [DONE]\n\n'])));
    render(
      <I18nContext.Provider value={{ lang: 'zh', t: translator('zh'), setLang: () => {} }}>
        <ChatPlayground apiKey="atr_k" models={models} />
      </I18nContext.Provider>,
    );
    fireEvent.input(screen.getByLabelText('消息'), { target: { value: '你好' } });
    fireEvent.click(screen.getByRole('button', { name: '发送' }));
    await screen.findByText('提示 5 + 生成 1 个 token');
    expect(screen.getByText('结束原因：stop（回答已完整结束）')).toBeTruthy();
  });
});

describe('PlaygroundPage', () => {
  it('checks a key when the field is left, not on every keystroke, and never a malformed one', async () => {
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) =>
      url === '/v1/models' ? json({ object: 'list', data: [{ id: 'stories260k', object: 'model', owned_by: 'atrium', task: 'generation', context_length: 2048 }] }) : json({ data: [] }),
    );
    vi.stubGlobal('fetch', fetchMock);
    render(
      <SessionContext.Provider value={{ me, signOut: () => {} }}>
        <PlaygroundPage />
      </SessionContext.Provider>,
    );
    const key = screen.getByLabelText('API key');
    const full = 'atr_k0123456789abcdefghij';
    fireEvent.input(key, { target: { value: 'atr_k' } });
    fireEvent.blur(key);
    expect(await screen.findByText('This does not look like an Atrium key (atr_…).')).toBeTruthy();
    for (let i = 6; i <= full.length; i++) fireEvent.input(key, { target: { value: full.slice(0, i) } });
    expect(fetchMock.mock.calls.filter(([url]) => url === '/v1/models')).toHaveLength(0);
    fireEvent.blur(key);
    await screen.findByRole('option', { name: 'stories260k' });
    fireEvent.click(screen.getByRole('button', { name: 'Use this key' })); // unchanged: no second check
    const modelCalls = fetchMock.mock.calls.filter(([url]) => url === '/v1/models');
    expect(modelCalls).toHaveLength(1);
    expect((modelCalls[0][1] as any).headers.Authorization).toBe(`Bearer ${full}`);
    expect(screen.getByText('Key accepted.')).toBeTruthy();
  });

  it('uses the key created on the keys page', async () => {
    sessionStorage.setItem('atrium.playgroundKey', 'atr_fromkeys');
    vi.stubGlobal('fetch', vi.fn(async (url: string) => (url === '/v1/models' ? json({ data: [] }) : json({ data: [] }))));
    render(
      <SessionContext.Provider value={{ me, signOut: () => {} }}>
        <PlaygroundPage />
      </SessionContext.Provider>,
    );
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('atr_fromkeys');
    expect((await screen.findByText('This server has no text-generation model.')).id).toBe('chat-no-models');
  });
});
