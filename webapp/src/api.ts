// The one way the dashboard talks to Atrium: JSON in, JSON out, every failure an ApiError whose
// message is the problem's `detail` (never raw JSON). The dashboard token lives in memory and in
// sessionStorage (gone when the tab closes); a 401 on an authenticated call signs the user out, and so
// does a 403 tenant_suspended (the operator suspended the tenant: every call would be refused).

const TOKEN_KEY = 'atrium.token';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfter: string | null;
  /** The problem's requestId: finds the request in the request log. */
  readonly requestId: string | null;

  constructor(status: number, code: string, detail: string, retryAfter: string | null = null, requestId: string | null = null) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.requestId = requestId;
  }

  /** True when the server has no such route (an API not deployed yet). */
  get missing(): boolean {
    return this.status === 404 && (this.code === 'route_not_found' || this.code === 'http_404');
  }
}

let token: string | null = readStoredToken();
/** Why a session ended under the user's feet. */
export type SessionEnd = 'expired' | 'suspended';

const unauthorizedListeners = new Set<(why: SessionEnd) => void>();

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return token;
}

export function setToken(value: string | null): void {
  token = value;
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token stays in memory only
  }
}

/** Called when an authenticated request answers 401 or 403 tenant_suspended: the session is over. */
export function onUnauthorized(listener: (why: SessionEnd) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  body?: unknown;
  /** Send this bearer instead of the dashboard token (an API key, for /v1 calls). */
  bearer?: string;
  /** Do not treat a 401 as the end of the session (login, API-key calls). */
  anonymous?: boolean;
  accept?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** Turns any failed response into an ApiError with a human sentence. */
export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = response.headers.get('Retry-After');
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      const detail =
        (typeof body?.detail === 'string' && body.detail) ||
        (typeof body?.error?.message === 'string' && body.error.message) ||
        (typeof body?.title === 'string' && body.title) ||
        `The server answered ${response.status}.`;
      const requestId = typeof body?.requestId === 'string' ? body.requestId : response.headers.get('X-Request-Id');
      return new ApiError(response.status, body?.code ?? `http_${response.status}`, detail, retryAfter, requestId);
    } catch {
      // fall through: not JSON after all
    }
  }
  return new ApiError(
    response.status,
    `http_${response.status}`,
    `The server answered ${response.status} ${response.statusText || ''}`.trim() + '.',
    retryAfter,
    response.headers.get('X-Request-Id'),
  );
}

export async function request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...options.headers };
  const bearer = options.bearer ?? token;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let body: BodyInit | undefined;
  if (options.body instanceof Blob || options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, signal: options.signal });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Atrium cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    const suspended = response.status === 403 && error.code === 'tenant_suspended';
    if ((response.status === 401 || suspended) && !options.anonymous && !options.bearer && token) {
      setToken(null);
      unauthorizedListeners.forEach((l) => l(suspended ? 'suspended' : 'expired'));
    }
    throw error;
  }
  return response;
}

export async function api<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(method, path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) return (await response.json()) as T;
  return (await response.text()) as unknown as T;
}

export const get = <T = any>(path: string, options?: RequestOptions) => api<T>('GET', path, options);
export const post = <T = any>(path: string, body?: unknown, options?: RequestOptions) =>
  api<T>('POST', path, { ...options, body });
export const put = <T = any>(path: string, body?: unknown, options?: RequestOptions) =>
  api<T>('PUT', path, { ...options, body });
export const patch = <T = any>(path: string, body?: unknown, options?: RequestOptions) =>
  api<T>('PATCH', path, { ...options, body });
export const del = <T = any>(path: string, options?: RequestOptions) => api<T>('DELETE', path, options);

/** The list in a `{data: [...]}` page, or the array itself. */
export function items<T = any>(page: any): T[] {
  if (Array.isArray(page)) return page;
  if (page && Array.isArray(page.data)) return page.data;
  if (page && Array.isArray(page.items)) return page.items;
  return [];
}

/**
 * Uploads with progress (fetch cannot report upload progress): resolves with the parsed JSON body,
 * rejects with an ApiError built from the problem.
 */
export function upload(
  method: string,
  path: string,
  file: Blob,
  onProgress: (fraction: number) => void,
  contentType = 'application/zip',
  bearer?: string,
): Promise<any> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    const credential = bearer ?? token;
    if (credential) xhr.setRequestHeader('Authorization', `Bearer ${credential}`);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload failed: Atrium cannot be reached.'));
    xhr.onload = async () => {
      onProgress(1);
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? '' },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.responseText ? safeJson(xhr.responseText) : undefined);
      } else {
        reject(await toApiError(response));
      }
    };
    xhr.send(file);
  });
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Reads a server-sent event stream with fetch, so the Authorization header can be sent (EventSource
 * cannot). Calls onEvent for each event; reconnects after a drop until the signal aborts.
 */
export async function readEventStream(
  path: string,
  onEvent: (event: string, data: string) => void,
  signal: AbortSignal,
  onState: (state: 'open' | 'retrying' | 'error', error?: ApiError) => void,
): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await request('GET', path, { accept: 'text/event-stream', signal });
      onState('open');
      for await (const e of sseEvents(response)) onEvent(e.event, e.data);
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        onState('error', e);
        return;
      }
    }
    if (signal.aborted) return;
    onState('retrying');
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/**
 * The events of a `text/event-stream` response body as they arrive (blocks split on a blank line).
 * Ends when the body ends; rejects with an AbortError when the request's signal aborts. A consumer
 * that stops early (breaks out of its loop) cancels the body, which closes the connection.
 */
export async function* sseEvents(response: Response): AsyncGenerator<{ event: string; data: string }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const parsed = parseSseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        if (parsed) yield parsed;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

export function parseSseBlock(block: string): { event: string; data: string } | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { event, data: data.join('\n') } : null;
}

/** Saves a blob as a file the browser downloads. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
