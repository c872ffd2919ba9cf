// Test helpers: OpenAI chat-completion streams as the server sends them.

/**
 * A text/event-stream response whose body arrives in the given pieces, one per read. With `openUntil`
 * the body stays open after them until that signal aborts the request, as fetch does.
 */
export function sseResponse(pieces: string[], openUntil?: AbortSignal): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      openUntil?.addEventListener('abort', () => controller.error(new DOMException('The user aborted a request.', 'AbortError')));
    },
    pull(controller) {
      if (i < pieces.length) controller.enqueue(new TextEncoder().encode(pieces[i++]));
      else if (!openUntil) controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

/** One `data:` line of a chat.completion.chunk with this delta. */
export const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'stories260k', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
/** The last chunk of a stream with include_usage: no choices, the call's usage. */
export const usage = (prompt: number, completion: number) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } })}\n\n`;

