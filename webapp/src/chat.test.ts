import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { chatRequest, stopSequences, streamChat } from './chat';
import { chunk, sseResponse, usage } from './sse.testing';

afterEach(() => vi.unstubAllGlobals());

const params = { model: 'stories260k', maxTokens: '64', temperature: '0.7', topP: '0.9', seed: '', stop: '' };

describe('chatRequest', () => {
  it('puts the system prompt first and asks for a stream with usage', () => {
    const body = chatRequest({ ...params, seed: '42', stop: 'The end\n\n###\n' }, 'Be brief.', [{ role: 'user', content: 'Hi' }]);
    expect(body).toEqual({
      model: 'stories260k',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 64,
      temperature: 0.7,
      top_p: 0.9,
      seed: 42,
      stop: ['The end', '###'],
      stream: true,
      stream_options: { include_usage: true },
    });
  });
  it('leaves out an empty system prompt, seed and stop list', () => {
    const body = chatRequest(params, '  ', [{ role: 'user', content: 'Hi' }]);
    expect(body.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(body).not.toHaveProperty('seed');
    expect(body).not.toHaveProperty('stop');
  });
  it('keeps spaces inside stop sequences', () => {
    expect(stopSequences(' a \r\n\n b')).toEqual([' a ', ' b']);
  });
});

describe('streamChat', () => {
  it('hands over text as it arrives, even split mid-line, and measures the call', async () => {
    const clock = [0, 100, 120, 150, 170];
    const now = () => clock.shift()!;
    const sent: RequestInit[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        sent.push(init);
        const all = chunk({ role: 'assistant' }) + chunk({ content: 'Once' }) + chunk({ content: ' upon' }) + chunk({ content: ' a' }) + chunk({}, 'length') + usage(7, 3) + 'data: [DONE]\n\n';
        return sseResponse([all.slice(0, 50), all.slice(50, 181), all.slice(181)]);
      }),
    );
    const pieces: string[] = [];
    const stats = await streamChat(chatRequest(params, '', [{ role: 'user', content: 'Hi' }]), 'atr_k', new AbortController().signal, (p) => pieces.push(p), now);
    expect(pieces).toEqual(['Once', ' upon', ' a']);
    expect(stats).toEqual({
      model: 'stories260k',
      promptTokens: 7,
      completionTokens: 3,
      firstTokenMs: 100,
      tokensPerSecond: 2000 / 50,
      totalMs: 170,
      finishReason: 'length',
    });
    expect((sent[0].headers as Record<string, string>).Authorization).toBe('Bearer atr_k');
    expect((sent[0].headers as Record<string, string>).Accept).toBe('text/event-stream');
  });

  it('resolves as stopped when the user aborts mid-stream', async () => {
    const abort = new AbortController();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => sseResponse([chunk({ content: 'Once' })], init.signal!)),
    );
    const pieces: string[] = [];
    const stats = await streamChat(chatRequest(params, '', [{ role: 'user', content: 'Hi' }]), 'atr_k', abort.signal, (p) => {
      pieces.push(p);
      abort.abort();
    });
    expect(pieces).toEqual(['Once']);
    expect(stats.finishReason).toBe('stopped');
    expect(stats.completionTokens).toBeUndefined();
  });

  it("rejects with the server's error before the stream", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response(JSON.stringify({ error: { message: 'This model maximum context length is 2048 tokens.', type: 'invalid_request_error', code: 'context_length_exceeded' } }), {
          status: 400,
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
    );
    const call = streamChat(chatRequest(params, '', [{ role: 'user', content: 'Hi' }]), 'atr_k', new AbortController().signal, () => {});
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toThrow('maximum context length is 2048');
  });

  it('rejects with an error reported inside the stream', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => sseResponse([chunk({ content: 'Once' }), `data: ${JSON.stringify({ error: { message: 'Quota reached.', code: 'quota_exceeded' } })}\n\n`])));
    await expect(streamChat(chatRequest(params, '', [{ role: 'user', content: 'Hi' }]), 'atr_k', new AbortController().signal, () => {})).rejects.toThrow('Quota reached.');
  });

  it('says interrupted when the stream ends without [DONE]', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => sseResponse([chunk({ content: 'Once' })])));
    const stats = await streamChat(chatRequest(params, '', [{ role: 'user', content: 'Hi' }]), 'atr_k', new AbortController().signal, () => {});
    expect(stats.finishReason).toBe('interrupted');
  });
});
