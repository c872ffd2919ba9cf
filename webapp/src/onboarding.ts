// The first-run checklist on the overview: create a key -> copy a ready-made call -> enable a
// vertical -> try it in the playground. Each step is derived from the server (keys exist, a plugin
// is enabled, a key has been used), except "copied", which only this browser can know; that flag
// and "dismissed" are kept per tenant and user in localStorage. The key itself never is.

export type StepId = 'key' | 'snippet' | 'plugin' | 'call';
export const STEPS: StepId[] = ['key', 'snippet', 'plugin', 'call'];

export interface ServerFacts {
  /** Keys of the tenant, as GET /api/keys lists them. */
  keys: { status: string; lastUsedAt: string | null }[];
  /** Plugins with the tenant's enabled flag, as GET /api/plugins lists them. */
  plugins: { enabled: boolean }[];
}

export interface LocalFacts {
  copied: boolean;
  dismissed: boolean;
}

export interface Checklist {
  done: Record<StepId, boolean>;
  /** The first step not done yet, or null when all are. */
  next: StepId | null;
  complete: boolean;
  /** Shown (ticked off, once complete) until the user dismisses it. */
  visible: boolean;
}

export function checklist(server: ServerFacts, local: LocalFacts): Checklist {
  const called = server.keys.some((k) => Boolean(k.lastUsedAt));
  const done: Record<StepId, boolean> = {
    key: server.keys.some((k) => k.status === 'active') || called,
    // A key that has been used has evidently been copied somewhere.
    snippet: local.copied || called,
    plugin: server.plugins.some((p) => p.enabled),
    call: called,
  };
  const next = STEPS.find((s) => !done[s]) ?? null;
  return { done, next, complete: next === null, visible: !local.dismissed };
}

const STORE = 'atrium.onboarding';

function storeKey(tenantId: string, userId: string): string {
  return `${STORE}.${tenantId}.${userId}`;
}

export function readLocalFacts(tenantId: string, userId: string): LocalFacts {
  try {
    const raw = JSON.parse(localStorage.getItem(storeKey(tenantId, userId)) ?? '{}');
    return { copied: raw.copied === true, dismissed: raw.dismissed === true };
  } catch {
    return { copied: false, dismissed: false };
  }
}

export function writeLocalFacts(tenantId: string, userId: string, facts: LocalFacts): void {
  try {
    localStorage.setItem(storeKey(tenantId, userId), JSON.stringify({ copied: facts.copied, dismissed: facts.dismissed }));
  } catch {
    // storage disabled: the checklist forgets the copy and the dismissal with the tab
  }
}

export type SnippetLanguage = 'curl' | 'python' | 'java';
export const SNIPPET_LANGUAGES: SnippetLanguage[] = ['curl', 'python', 'java'];

/** Stands in for the key when the browser does not hold it (it is shown only once). */
export const KEY_PLACEHOLDER = '$ATRIUM_API_KEY';

/**
 * A ready-made embeddings call against `origin` with `apiKey` filled in (or the placeholder, read
 * from the environment, when the key is not known here). Embeddings: every server can answer them.
 */
export function snippet(language: SnippetLanguage, origin: string, apiKey: string | null): string {
  const url = `${origin.replace(/\/+$/, '')}/v1/embeddings`;
  const known = Boolean(apiKey);
  const key = apiKey ?? '';
  switch (language) {
    case 'curl':
      return [
        `curl ${url} \\`,
        `  -H "Authorization: Bearer ${known ? key : KEY_PLACEHOLDER}" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d '{"input": ["Hello, Atrium", "你好"]}'`,
      ].join('\n');
    case 'python':
      return [
        ...(known ? [] : ['import os']),
        'import requests',
        '',
        `key = ${known ? JSON.stringify(key) : 'os.environ["ATRIUM_API_KEY"]'}`,
        `response = requests.post("${url}",`,
        '                         headers={"Authorization": f"Bearer {key}"},',
        '                         json={"input": ["Hello, Atrium", "你好"]})',
        'print(response.status_code, response.json())',
      ].join('\n');
    case 'java':
      return [
        'import java.net.URI;',
        'import java.net.http.HttpClient;',
        'import java.net.http.HttpRequest;',
        'import java.net.http.HttpResponse;',
        '',
        'public class AtriumCall {',
        '  public static void main(String[] args) throws Exception {',
        `    String key = ${known ? JSON.stringify(key) : 'System.getenv("ATRIUM_API_KEY")'};`,
        `    HttpRequest request = HttpRequest.newBuilder(URI.create("${url}"))`,
        '        .header("Authorization", "Bearer " + key)',
        '        .header("Content-Type", "application/json")',
        '        .POST(HttpRequest.BodyPublishers.ofString("{\\"input\\": [\\"Hello, Atrium\\", \\"你好\\"]}"))',
        '        .build();',
        '    HttpResponse<String> response =',
        '        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());',
        '    System.out.println(response.statusCode() + " " + response.body());',
        '  }',
        '}',
      ].join('\n');
  }
}
