import { useEffect, useState } from 'preact/hooks';
import { api, request, saveBlob, sseEvents } from '../api';
import { useAction, useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { storedPlaygroundKey, rememberPlaygroundKey } from '../playgroundKey';
import { Async, ErrorMessage, PageHeader, Progress, StatusBadge } from '../components/ui';
import {
  batchSummary,
  draftActions,
  foldStream,
  formToVoice,
  isRunning,
  variableValues,
  voiceToForm,
  type BatchStatus,
  type ContentTemplate,
  type Voice,
  type VoiceForm,
} from '../content';
import { pluginUrl } from '../plugins';

type Section = 'templates' | 'voice' | 'batches' | 'drafts';
const SECTIONS: Section[] = ['templates', 'voice', 'batches', 'drafts'];

/** Content studio: template gallery and editor, brand voice, batch jobs, drafts. Calls /v1/content with an API key. */
export function ContentPage() {
  const { t } = useI18n();
  const [key, setKey] = useState(storedPlaygroundKey);
  const [section, setSection] = useState<Section>('templates');
  const call = <T = any,>(method: string, path: string, body?: unknown) =>
    api<T>(method, pluginUrl('content', path), { bearer: key, anonymous: true, body });
  return (
    <section>
      <PageHeader title={t('content.title')} />
      <div class="card field">
        <label for="content-key">{t('playground.apiKey')}</label>
        <input
          id="content-key"
          type="password"
          autoComplete="off"
          value={key}
          placeholder="atr_…"
          onInput={(e) => {
            setKey(e.currentTarget.value.trim());
            rememberPlaygroundKey(e.currentTarget.value.trim());
          }}
        />
        <small>{t('content.keyHint')}</small>
      </div>
      <nav class="content-sections" aria-label={t('content.title')}>
        {SECTIONS.map((s) => (
          <button key={s} type="button" class={s === section ? '' : 'secondary'} aria-pressed={s === section} onClick={() => setSection(s)}>
            {t(`content.section.${s}` as MessageKey)}
          </button>
        ))}
      </nav>
      {!key ? (
        <p class="muted">{t('content.needKey')}</p>
      ) : section === 'templates' ? (
        <Templates call={call} apiKey={key} />
      ) : section === 'voice' ? (
        <VoiceSettings call={call} />
      ) : section === 'batches' ? (
        <Batches call={call} apiKey={key} />
      ) : (
        <Drafts call={call} />
      )}
    </section>
  );
}

type Call = <T = any>(method: string, path: string, body?: unknown) => Promise<T>;

function Templates({ call, apiKey }: { call: Call; apiKey: string }) {
  const { t, lang } = useI18n();
  const templates = useLoad(() => call<{ data: ContentTemplate[] }>('GET', `/templates?language=${lang}`), [lang, apiKey]);
  const [chosen, setChosen] = useState<ContentTemplate>();
  return (
    <Async state={templates}>
      {(page) => (
        <>
          <div class="cards" role="list" aria-label={t('content.gallery')}>
            {page.data.map((tpl) => (
              <button key={tpl.id} role="listitem" type="button" class="card template-card" aria-pressed={chosen?.id === tpl.id} onClick={() => setChosen(tpl)}>
                <strong>{tpl.name}</strong>
                <span class="muted">{tpl.description}</span>
                <span class="badge">{tpl.output.type === 'json' ? 'JSON' : tpl.output.maxChars ? `≤ ${tpl.output.maxChars}` : tpl.category}</span>
              </button>
            ))}
          </div>
          {chosen && <Editor key={chosen.id} template={chosen} apiKey={apiKey} />}
        </>
      )}
    </Async>
  );
}

function Editor({ template, apiKey }: { template: ContentTemplate; apiKey: string }) {
  const { t } = useI18n();
  const [form, setForm] = useState<Record<string, string>>({});
  const [n, setN] = useState(2);
  const [variants, setVariants] = useState<Array<{ text: string; status?: string; draftId?: string; attempts?: number }>>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const generate = useAction(async () => {
    const { values, problems } = variableValues(template, form);
    setMissing(problems);
    if (problems.length) return;
    setVariants([]);
    const response = await request('POST', '/v1/content/generate', {
      bearer: apiKey,
      anonymous: true,
      accept: 'text/event-stream',
      body: { templateId: template.id, variables: values, n, stream: true },
    });
    const events: Array<Record<string, any>> = [];
    for await (const e of sseEvents(response)) {
      if (e.data === '[DONE]') break;
      const event = JSON.parse(e.data);
      if (event.type === 'result') {
        setVariants(
          event.variants.map((v: any) => ({ text: v.text, status: v.moderation.status, draftId: v.draftId, attempts: v.attempts })),
        );
      } else {
        events.push(event);
        setVariants(foldStream(events).map((v) => ({ text: v.text })));
      }
    }
  });
  return (
    <div class="card">
      <h2>{template.name}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          generate.run();
        }}
      >
        {template.variables.map((v) => (
          <div class="field" key={v.name}>
            <label for={`var-${v.name}`}>
              {v.name} {v.required ? '*' : ''} <span class="muted">({t(`content.type.${v.type}` as MessageKey)})</span>
            </label>
            {v.type === 'enum' ? (
              <select id={`var-${v.name}`} value={form[v.name] ?? ''} onChange={(e) => setForm({ ...form, [v.name]: e.currentTarget.value })}>
                <option value="" />
                {v.options?.map((o) => <option key={o}>{o}</option>)}
              </select>
            ) : v.type === 'list' || v.name === 'text' ? (
              <textarea id={`var-${v.name}`} rows={3} value={form[v.name] ?? ''} onInput={(e) => setForm({ ...form, [v.name]: e.currentTarget.value })} />
            ) : (
              <input
                id={`var-${v.name}`}
                type={v.type === 'number' ? 'number' : 'text'}
                value={form[v.name] ?? ''}
                onInput={(e) => setForm({ ...form, [v.name]: e.currentTarget.value })}
              />
            )}
            {missing.includes(v.name) && <small class="error">{t('content.variableProblem')}</small>}
          </div>
        ))}
        <div class="field">
          <label for="content-n">{t('content.variants')}</label>
          <input id="content-n" type="number" min={1} max={5} value={n} onInput={(e) => setN(Number(e.currentTarget.value) || 1)} />
        </div>
        <button type="submit" disabled={generate.busy}>
          {generate.busy ? t('content.generating') : t('content.generate')}
        </button>
      </form>
      <ErrorMessage error={generate.error} />
      <div class="variants">
        {variants.map((v, i) => (
          <article class="card" key={i} aria-label={`${t('content.variant')} ${i + 1}`}>
            <h3>
              {t('content.variant')} {i + 1} {v.status && <StatusBadge status={v.status} />}
            </h3>
            <p class="variant-text">{v.text}</p>
            {v.attempts && v.attempts > 1 && <small class="muted">{t('content.attempts', { n: v.attempts })}</small>}
          </article>
        ))}
      </div>
    </div>
  );
}

function VoiceSettings({ call }: { call: Call }) {
  const { t } = useI18n();
  const voice = useLoad(() => call<Voice>('GET', '/voice'));
  const [form, setForm] = useState<VoiceForm>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (voice.data) setForm(voiceToForm(voice.data));
  }, [voice.data]);
  const save = useAction(async () => {
    await call('PUT', '/voice', formToVoice(form!, voice.data?.allowedWords));
    setSaved(true);
  });
  if (!form) return <Async state={voice}>{() => null}</Async>;
  const field = (name: keyof VoiceForm, label: MessageKey, rows = 0) => (
    <div class="field">
      <label for={`voice-${name}`}>{t(label)}</label>
      {rows ? (
        <textarea id={`voice-${name}`} rows={rows} value={form[name]} onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })} />
      ) : (
        <input id={`voice-${name}`} type="number" min={0} value={form[name]} onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })} />
      )}
    </div>
  );
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        save.run();
      }}
    >
      {field('styleNotes', 'content.voice.style', 3)}
      {field('glossary', 'content.voice.glossary', 4)}
      {field('bannedWords', 'content.voice.banned', 4)}
      <div class="field">
        <label for="voice-level">{t('content.voice.level')}</label>
        <select id="voice-level" value={form.readingLevel} onChange={(e) => setForm({ ...form, readingLevel: e.currentTarget.value as VoiceForm['readingLevel'] })}>
          {(['simple', 'standard', 'advanced'] as const).map((l) => (
            <option key={l} value={l}>
              {t(`content.level.${l}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      {field('minWords', 'content.voice.minWords')}
      {field('maxWords', 'content.voice.maxWords')}
      <button type="submit" disabled={save.busy}>
        {save.busy ? t('common.saving') : t('common.save')}
      </button>
      {saved && <span class="muted"> {t('content.saved')}</span>}
      <ErrorMessage error={save.error} />
    </form>
  );
}

function Batches({ call, apiKey }: { call: Call; apiKey: string }) {
  const { t } = useI18n();
  const batches = useLoad(() => call<{ data: BatchStatus[] }>('GET', '/batches'));
  const [templateId, setTemplateId] = useState('product-description-en');
  const [file, setFile] = useState<File>();
  useEffect(() => {
    if (!batches.data?.data.some(isRunning)) return;
    const timer = setTimeout(batches.reload, 1000);
    return () => clearTimeout(timer);
  }, [batches.data]);
  const upload = useAction(async () => {
    await api('POST', `/v1/content/batches?templateId=${encodeURIComponent(templateId)}`, {
      bearer: apiKey,
      anonymous: true,
      body: new Blob([await file!.arrayBuffer()], { type: 'text/csv' }),
    });
    batches.reload();
  });
  const download = async (id: string, format: 'csv' | 'json') => {
    const response = await request('GET', `/v1/content/batches/${id}/results?format=${format}`, { bearer: apiKey, anonymous: true });
    saveBlob(await response.blob(), `${id}.${format}`);
  };
  return (
    <>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          upload.run();
        }}
      >
        <div class="field">
          <label for="batch-template">{t('content.batch.template')}</label>
          <input id="batch-template" value={templateId} onInput={(e) => setTemplateId(e.currentTarget.value.trim())} />
        </div>
        <div class="field">
          <label for="batch-file">{t('content.batch.file')}</label>
          <input id="batch-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        </div>
        <button type="submit" disabled={!file || upload.busy}>
          {t('content.batch.upload')}
        </button>
        <ErrorMessage error={upload.error} />
      </form>
      <Async state={batches}>
        {(page) => (
          <table>
            <thead>
              <tr>
                <th>{t('content.batch.id')}</th>
                <th>{t('content.batch.progress')}</th>
                <th>{t('content.batch.counts')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {page.data.map((b) => {
                const s = batchSummary(b);
                return (
                  <tr key={b.id}>
                    <td>
                      <code>{b.id}</code> <StatusBadge status={b.state} />
                    </td>
                    <td>
                      <Progress value={b.progress} label={t('content.batch.rows', { done: s.finished, total: b.rows })} />
                    </td>
                    <td>{t('content.batch.countLine', { flagged: b.counts.flagged, failed: b.counts.failed })}</td>
                    <td class="row-actions">
                      {isRunning(b) ? (
                        <button type="button" class="secondary" onClick={() => call('POST', `/batches/${b.id}/cancel`).then(batches.reload)}>
                          {t('common.cancel')}
                        </button>
                      ) : (
                        <>
                          <button type="button" class="secondary" onClick={() => download(b.id, 'csv')}>CSV</button>
                          <button type="button" class="secondary" onClick={() => download(b.id, 'json')}>JSON</button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Async>
    </>
  );
}

function Drafts({ call }: { call: Call }) {
  const { t } = useI18n();
  const drafts = useLoad(() => call<{ data: any[] }>('GET', '/drafts'));
  const [open, setOpen] = useState<string>();
  return (
    <Async state={drafts}>
      {(page) => (
        <>
          <ul class="draft-list">
            {page.data.map((d) => (
              <li key={d.id}>
                <button type="button" class="link" onClick={() => setOpen(d.id)}>
                  {d.title}
                </button>{' '}
                <StatusBadge status={d.state} /> <StatusBadge status={d.moderation.status} />{' '}
                <span class="muted">{t('content.draft.versions', { n: d.versions })}</span>
              </li>
            ))}
          </ul>
          {open && <DraftDetail key={open} id={open} call={call} onChanged={drafts.reload} />}
        </>
      )}
    </Async>
  );
}

function DraftDetail({ id, call, onChanged }: { id: string; call: Call; onChanged: () => void }) {
  const { t } = useI18n();
  const draft = useLoad(() => call<any>('GET', `/drafts/${id}`));
  const diff = useLoad(() => call<any>('GET', `/drafts/${id}/diff`), [draft.data]);
  const act = useAction(async (action: string) => {
    await call('POST', `/drafts/${id}/${action}`, {});
    draft.reload();
    onChanged();
  });
  return (
    <Async state={draft}>
      {(d) => (
        <div class="card">
          <h2>
            {d.title} <StatusBadge status={d.state} />
          </h2>
          <ol class="versions">
            {d.versions.map((v: any) => (
              <li key={v.version}>
                <StatusBadge status={v.moderation.status} /> <span class="muted">{v.createdBy} · {v.createdAt}</span>
                <p>{v.text}</p>
              </li>
            ))}
          </ol>
          {d.versions.length > 1 && diff.data && (
            <p class="diff" aria-label={t('content.draft.diff')}>
              {diff.data.changes.map((c: any, i: number) =>
                c.op === 'equal' ? <span key={i}>{c.text}</span> : c.op === 'insert' ? <ins key={i}>{c.text}</ins> : <del key={i}>{c.text}</del>,
              )}
            </p>
          )}
          {draftActions(d.state).map((a) => (
            <button key={a} type="button" class={a === 'reject' ? 'secondary' : ''} disabled={act.busy} onClick={() => act.run(a)}>
              {t(`content.draft.${a}` as MessageKey)}
            </button>
          ))}
          <ErrorMessage error={act.error} />
          <h3>{t('content.draft.history')}</h3>
          <ul>
            {d.history.map((h: any, i: number) => (
              <li key={i} class="muted">
                {h.at} · {h.by} · {h.action} {h.from ? `${h.from} → ` : ''}
                {h.to} {h.note ? `· ${h.note}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Async>
  );
}
