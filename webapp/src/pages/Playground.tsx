import { useState } from 'preact/hooks';
import { ApiError, api, get, items, post, upload } from '../api';
import { useAction, useLoad, type Loaded } from '../hooks';
import { formatNumber, useI18n } from '../i18n';
import { hasRole, useSession } from '../session';
import { Chart } from '../components/Chart';
import { Async, ErrorMessage, PageHeader, Progress, Secret } from '../components/ui';
import { similarityMatrix } from '../embeddings';
import { normaliseModels, ofTask, type ModelEntry } from '../models';
import { plausibleKey, rememberPlaygroundKey, storedPlaygroundKey } from '../playgroundKey';
import { normalisePlugin, panelTable, pluginText, pluginUrl, type Panel, type PluginEntry } from '../plugins';
import { ChatPlayground } from './ChatPlayground';
import { TutoringPanel } from './TutoringPanel';

export function PlaygroundPage() {
  const { t, lang } = useI18n();
  // The key in use: set from the field on blur, Enter or the button, never per keystroke, so a
  // half-typed key does not send /v1/models a stream of 401s.
  const [apiKey, setApiKeyState] = useState(storedPlaygroundKey);
  const [tab, setTab] = useState('chat');
  const setApiKey = (k: string) => {
    setApiKeyState(k);
    rememberPlaygroundKey(k);
  };
  const models = useLoad(
    () => (plausibleKey(apiKey) ? get('/v1/models', { bearer: apiKey }).then(normaliseModels) : Promise.resolve([])),
    [apiKey],
  );
  const plugins = useLoad(() =>
    get('/api/plugins')
      .then((p) => items(p).map(normalisePlugin).filter((x) => x.enabled))
      .catch((e) => (e instanceof ApiError && e.missing ? [] : Promise.reject(e))),
  );
  const enabled = plugins.data ?? [];
  const tabs = [
    { id: 'chat', label: t('playground.chat') },
    { id: 'embeddings', label: t('playground.embeddings') },
    ...enabled.map((p) => ({ id: p.id, label: pluginText(p, lang).name }))];
  const current = enabled.find((p) => p.id === tab);
  return (
    <section>
      <PageHeader title={t('playground.title')} />
      <ApiKeyBox apiKey={apiKey} setApiKey={setApiKey} models={models} />
      <div role="tablist" aria-label={t('playground.title')} class="tabs">
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            id={`tab-${x.id}`}
            aria-selected={tab === x.id}
            aria-controls={`panel-${x.id}`}
            tabIndex={tab === x.id ? 0 : -1}
            onClick={() => setTab(x.id)}
            onKeyDown={(e) => {
              const i = tabs.findIndex((y) => y.id === tab);
              const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : -2;
              if (next !== -2) {
                const target = tabs[(next + tabs.length) % tabs.length];
                setTab(target.id);
                document.getElementById(`tab-${target.id}`)?.focus();
              }
            }}
          >
            {x.label}
          </button>
        ))}
      </div>
      {plugins.error && <ErrorMessage error={plugins.error} onRetry={plugins.reload} />}
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="card">
        {tab === 'chat' ? (
          <ChatPlayground apiKey={apiKey} models={models} />
        ) : tab === 'embeddings' || !current ? (
          <EmbeddingsPlayground apiKey={apiKey} models={models} />
        ) : current.id === 'tutoring' ? (
          <TutoringPanel apiKey={apiKey} />
        ) : (
          <PluginPanel plugin={current} apiKey={apiKey} />
        )}
      </div>
      {plugins.data && enabled.length === 0 && <p class="muted">{t('playground.noPlugins')}</p>}
    </section>
  );
}

/** The key field: a key is checked (format, then /v1/models) when the field is left or the button pressed. */
function ApiKeyBox({ apiKey, setApiKey, models }: { apiKey: string; setApiKey: (k: string) => void; models: Loaded<ModelEntry[]> }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [draft, setDraft] = useState(apiKey);
  const [created, setCreated] = useState('');
  const malformed = draft !== '' && !plausibleKey(draft);
  const use = () => {
    if (draft !== apiKey && !malformed) setApiKey(draft);
  };
  const create = useAction(async () => {
    const k = await post('/api/keys', { name: `playground ${new Date().toISOString().slice(0, 16)}`, scopes: ['*'] });
    setApiKey(k.key);
    setDraft(k.key);
    setCreated(k.key);
  });
  return (
    <div class="card">
      <form
        class="field"
        onSubmit={(e) => {
          e.preventDefault();
          use();
        }}
      >
        <label for="playground-key">{t('playground.apiKey')}</label>
        <div class="inline-form">
          <input
            id="playground-key"
            type="password"
            autoComplete="off"
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value.trim())}
            onBlur={use}
            aria-describedby="playground-key-hint playground-key-state"
            aria-invalid={malformed}
            placeholder="atr_…"
          />
          <button type="submit" class="secondary" id="playground-use-key" disabled={malformed || draft === apiKey}>
            {t('playground.useKey')}
          </button>
        </div>
        <small id="playground-key-hint">{t('playground.apiKeyHint')}</small>
        <small id="playground-key-state" role="status">
          {malformed
            ? t('playground.keyMalformed')
            : apiKey && draft === apiKey && models.loading
              ? t('playground.keyChecking')
              : apiKey && draft === apiKey && !models.error && models.data
                ? t('playground.keyOk')
                : ''}
        </small>
      </form>
      {draft === apiKey && <ErrorMessage error={models.error} />}
      {hasRole(me, 'developer') && (
        <button type="button" class="secondary" onClick={() => create.run()} disabled={create.busy}>
          {t('playground.createKey')}
        </button>
      )}
      <ErrorMessage error={create.error} />
      {created && (
        <>
          <p class="notice">{t('keys.shownOnce')}</p>
          <Secret value={created} label={t('keys.newKey')} />
        </>
      )}
    </div>
  );
}

function EmbeddingsPlayground({ apiKey, models }: { apiKey: string; models: Loaded<ModelEntry[]> }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('How do I reset my password?\nI forgot my password\n今天天气很好');
  const [model, setModel] = useState('');
  const run = useAction(async () => {
    const input = text.split('\n').map((s) => s.trim()).filter(Boolean);
    const body: Record<string, unknown> = { input };
    if (model) body.model = model;
    const r = await post('/v1/embeddings', body, { bearer: apiKey });
    return { input, response: r };
  });
  const [result, setResult] = useState<{ input: string[]; response: any }>();
  const vectors: number[][] = result ? items(result.response).map((d: any) => d.embedding) : [];
  const matrix = similarityMatrix(vectors);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await run.run();
        if (r) setResult(r);
      }}
    >
      <h2>{t('playground.embeddings')}</h2>
      <div class="field">
        <label for="emb-model">{t('playground.model')}</label>
        <select id="emb-model" value={model} onChange={(e) => setModel(e.currentTarget.value)}>
          <option value="">{t('playground.defaultModel')}</option>
          {ofTask(models.data, 'embedding').map((m) => (
            <option key={m.id} value={m.id}>
              {m.id}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="emb-input">{t('playground.inputs')}</label>
        <textarea id="emb-input" rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <button type="submit" disabled={run.busy || !apiKey} id="emb-run">
        {run.busy ? t('playground.running') : t('playground.run')}
      </button>
      {run.busy && <Progress label={t('playground.running')} />}
      <ErrorMessage error={run.error} />
      {result && vectors.length > 0 && (
        <div class="emb-result" id="emb-result">
          <p>
            {result.response.model} · {t('playground.dimensions', { n: vectors[0].length })}
            {result.response.usage?.total_tokens !== undefined && ` · ${t('playground.tokens', { n: result.response.usage.total_tokens })}`}
          </p>
          <div class="table-wrap">
            <table>
              <caption>{t('playground.similarity')}</caption>
              <thead>
                <tr>
                  <td />
                  {result.input.map((_, i) => (
                    <th scope="col" key={i}>
                      #{i + 1}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.map((row, i) => (
                  <tr key={i}>
                    <th scope="row" title={result.input[i]}>
                      #{i + 1} {result.input[i].slice(0, 24)}
                    </th>
                    {row.map((v, j) => (
                      <td key={j} class="num" style={{ background: `rgba(37, 99, 235, ${Math.max(0, v) * 0.35})` }}>
                        {formatNumber(Math.round(v * 1000) / 1000, lang)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </form>
  );
}

/**
 * The generic shell every vertical gets: its dashboard panel, a request console for its routes, a
 * file upload with progress (knowledge bases), and answers with citations rendered as such.
 */
function PluginPanel({ plugin, apiKey }: { plugin: PluginEntry; apiKey: string }) {
  const { t, lang } = useI18n();
  const text = pluginText(plugin, lang);
  const [method, setMethod] = useState('POST');
  const [path, setPath] = useState('');
  const [body, setBody] = useState('{\n  \n}');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number>();
  const [response, setResponse] = useState<unknown>();
  const base = `/v1/${plugin.id}/`;
  const send = useAction(async () => {
    setResponse(undefined);
    const url = pluginUrl(plugin.id, path);
    if (file) {
      setProgress(0);
      const r = await upload(method, url, file, setProgress, file.type || 'application/octet-stream', apiKey);
      setProgress(undefined);
      setResponse(r);
      return;
    }
    let parsed: unknown;
    if (method !== 'GET' && body.trim()) {
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new ApiError(0, 'client', 'The body is not valid JSON.');
      }
    }
    setResponse(await api(method, url, { body: parsed, bearer: apiKey }));
  });
  return (
    <div>
      <h2>{text.name}</h2>
      {text.description && <p class="muted">{text.description}</p>}
      {plugin.panel && <PanelView panel={plugin.panel} pluginId={plugin.id} apiKey={apiKey} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.run().finally(() => setProgress(undefined));
        }}
      >
        <h3>{t('playground.request')}</h3>
        {plugin.routes.length > 0 && (
          <div class="field">
            <label for={`pp-route-${plugin.id}`}>{t('playground.routes')}</label>
            <select
              id={`pp-route-${plugin.id}`}
              onChange={(e) => {
                const r = plugin.routes[Number(e.currentTarget.value)];
                if (r) {
                  setMethod(r.method);
                  setPath(pluginUrl(plugin.id, r.path).slice(base.length));
                }
              }}
            >
              <option value="">—</option>
              {plugin.routes.map((r, i) => (
                <option key={i} value={i}>
                  {r.method} {r.path} {r.summary ? `— ${r.summary}` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="toolbar">
          <div class="field">
            <label for={`pp-method-${plugin.id}`}>{t('playground.method')}</label>
            <select id={`pp-method-${plugin.id}`} value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
              {['GET', 'POST', 'PUT', 'DELETE'].map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </div>
          <div class="field grow">
            <label for={`pp-path-${plugin.id}`}>{t('playground.path')}</label>
            <div class="prefixed">
              <span aria-hidden="true">{base}</span>
              <input id={`pp-path-${plugin.id}`} value={path} onInput={(e) => setPath(e.currentTarget.value)} />
            </div>
          </div>
        </div>
        <div class="field">
          <label for={`pp-body-${plugin.id}`}>{t('playground.body')}</label>
          <textarea id={`pp-body-${plugin.id}`} rows={5} value={body} onInput={(e) => setBody(e.currentTarget.value)} disabled={!!file} />
        </div>
        <div class="field">
          <label for={`pp-file-${plugin.id}`}>{t('playground.file')}</label>
          <input id={`pp-file-${plugin.id}`} type="file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
        <button type="submit" disabled={send.busy || !apiKey}>
          {t('playground.send')}
        </button>
        {progress !== undefined && <Progress value={progress} label={`${Math.round(progress * 100)}%`} />}
        <ErrorMessage error={send.error} />
      </form>
      {response !== undefined && <ResponseView value={response} />}
    </div>
  );
}

function ResponseView({ value }: { value: any }) {
  const { t } = useI18n();
  const answer = value && typeof value === 'object' ? value.answer ?? value.reply : undefined;
  const citations: any[] = Array.isArray(value?.citations) ? value.citations : Array.isArray(value?.sources) ? value.sources : [];
  return (
    <div class="response">
      <h3>{t('playground.response')}</h3>
      {typeof answer === 'string' ? (
        <div class="chat-answer">
          <p>{answer}</p>
          {citations.length > 0 && (
            <ol class="citations">
              {citations.map((c, i) => (
                <li key={i}>
                  <strong>{c.title ?? c.document ?? c.source ?? c.id}</strong> {c.snippet ?? c.text ?? ''}
                </li>
              ))}
            </ol>
          )}
        </div>
      ) : (
        <pre tabIndex={0}>{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  );
}

function PanelView({ panel, pluginId, apiKey }: { panel: Panel; pluginId: string; apiKey: string }) {
  const { t } = useI18n();
  const data = useLoad(
    () => (apiKey ? get(pluginUrl(pluginId, panel.dataPath), { bearer: apiKey }) : Promise.resolve(null)),
    [apiKey, pluginId, panel.dataPath],
  );
  return (
    <section class="panel" aria-label={`${t('playground.panel')}: ${panel.title}`}>
      <h3>{panel.title}</h3>
      {panel.description && <p class="muted">{panel.description}</p>}
      <Async state={data}>
        {(d: any) => {
          if (!d) return null;
          const kind = String(panel.kind).toUpperCase();
          if (kind === 'METRIC') return <p class="big">{String(d.value)} <span class="muted">{d.label}</span></p>;
          if (kind === 'CHART') {
            const points: any[] = d.points ?? [];
            return <Chart kind="line" labels={points.map((p) => String(p.t))} series={[{ label: panel.title, values: points.map((p) => Number(p.v)) }]} label={panel.title} height={180} />;
          }
          const table = panelTable(d);
          return (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>{table.columns.map((c) => <th scope="col" key={c}>{c}</th>)}</tr>
                </thead>
                <tbody>
                  {table.rows.map((r, i) => (
                    <tr key={i}>{r.map((c, j) => <td key={j}>{String(c)}</td>)}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Async>
    </section>
  );
}
