import { ApiError, request, sseEvents } from './api';

// The playground's chat: OpenAI's /v1/chat/completions with `stream: true`, read with fetch (an
// EventSource cannot POST), and what one call cost and how fast it was.

export type Role = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: Role;
  content: string;
}

/** The form's parameters as typed (strings), turned into a request body by chatRequest. */
export interface ChatParameters {
  model: string;
  maxTokens: string;
  temperature: string;
  topP: string;
  seed: string;
  /** One stop sequence per line. */
  stop: string;
}

export const MAX_STOP_SEQUENCES = 4;

/** The stop sequences of the form: one per line, blank lines ignored. */
export function stopSequences(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.replace(/\r$/, ''))
    .filter((s) => s.trim() !== '');
}

/** The request body for one call: the system prompt (when given), the conversation, the parameters. */
export function chatRequest(params: ChatParameters, system: string, conversation: ChatMessage[]): Record<string, unknown> {
  const messages = system.trim() ? [{ role: 'system', content: system }, ...conversation] : conversation;
  const body: Record<string, unknown> = {
    model: params.model,
    messages,
    max_tokens: Number(params.maxTokens),
    temperature: Number(params.temperature),
    top_p: Number(params.topP),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (params.seed.trim() !== '') body.seed = Number(params.seed);
  const stop = stopSequences(params.stop);
  if (stop.length) body.stop = stop;
  return body;
}

/**
 * Why a call ended: the server's `finish_reason` (`stop`, `length`, ...), `stopped` when the user
 * pressed Stop, `interrupted` when the stream ended without `[DONE]`.
 */
export type FinishReason = string;

export interface CallStats {
  model: string;
  promptTokens?: number;
  completionTokens?: number;
  /** Milliseconds from sending the request to the first piece of text. */
  firstTokenMs?: number;
  /** Completion tokens after the first, per second between the first and the last piece of text. */
  tokensPerSecond?: number;
  totalMs: number;
  finishReason: FinishReason;
}

/**
 * Sends one streamed chat call and hands each piece of text to onText as it arrives. Resolves with
 * the call's figures; aborting the signal (Stop) resolves with what was measured so far and the
 * finish reason `stopped` (the server frees the slot when the connection closes). Rejects with an
 * ApiError when the server refuses the call or reports an error in the stream.
 */
export async function streamChat(
  body: Record<string, unknown>,
  apiKey: string,
  signal: AbortSignal,
  onText: (text: string) => void,
  now: () => number = () => performance.now(),
): Promise<CallStats> {
  const started = now();
  let model = String(body.model ?? '');
  let firstAt: number | undefined;
  let lastAt: number | undefined;
  let finishReason: FinishReason = 'interrupted';
  let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
  try {
    const response = await request('POST', '/v1/chat/completions', {
      body,
      bearer: apiKey,
      accept: 'text/event-stream',
      signal,
    });
    for await (const event of sseEvents(response)) {
      if (event.data === '[DONE]') break;
      const chunk = parseChunk(event.data);
      if (chunk.error) {
        throw new ApiError(0, String(chunk.error.code ?? chunk.error.type ?? 'stream_error'), String(chunk.error.message ?? 'The stream failed.'));
      }
      if (typeof chunk.model === 'string') model = chunk.model;
      if (chunk.usage) usage = chunk.usage;
      for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
        const text = choice?.delta?.content;
        if (typeof text === 'string' && text !== '') {
          lastAt = now();
          firstAt ??= lastAt;
          onText(text);
        }
        if (choice?.finish_reason) finishReason = String(choice.finish_reason);
      }
    }
  } catch (e) {
    if (!signal.aborted) throw e;
    finishReason = 'stopped';
  }
  const completionTokens = usage?.completion_tokens;
  const span = firstAt !== undefined && lastAt !== undefined ? lastAt - firstAt : 0;
  return {
    model,
    promptTokens: usage?.prompt_tokens,
    completionTokens,
    firstTokenMs: firstAt === undefined ? undefined : firstAt - started,
    tokensPerSecond: completionTokens !== undefined && completionTokens > 1 && span > 0 ? ((completionTokens - 1) * 1000) / span : undefined,
    totalMs: now() - started,
    finishReason,
  };
}

function parseChunk(data: string): any {
  try {
    return JSON.parse(data);
  } catch {
    throw new ApiError(0, 'stream_error', 'The server sent an unreadable chunk.');
  }
}
