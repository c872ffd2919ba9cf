import { useEffect, useRef, useState } from 'preact/hooks';
import { api, items, request, sseEvents, upload } from '../api';
import { useAction, useDebounced, useLoad } from '../hooks';
import { formatDate, formatNumber, useI18n, type MessageKey } from '../i18n';
import { rememberPlaygroundKey, storedPlaygroundKey } from '../playgroundKey';
import { Async, ConfirmDialog, Dialog, ErrorMessage, PageHeader, Progress, StatusBadge } from '../components/ui';
import {
  confidenceLevel,
  csUrl,
  documentContentType,
  foldAnswer,
  formToIntents,
  ingestionProgress,
  intentsToForm,
  isIngesting,
  uploadPath,
  type AnswerProgress,
  type Citation,
  type CsDocument,
  type CsJob,
  type IntentForm,
} from '../customerService';

type Section = 'documents' | 'chat' | 'conversations' | 'intents' | 'retrieval';
const SECTIONS: Section[] = ['documents', 'chat', 'conversations', 'intents', 'retrieval'];

type Call = <T = any>(method: string, path: string, body?: unknown) => Promise<T>;

const DOCUMENT_COLUMNS: MessageKey[] = ['cs.document', 'common.status', 'cs.chunks', 'cs.characters', 'cs.updated', 'common.actions'];
const CONVERSATION_COLUMNS: MessageKey[] = ['cs.updated', 'cs.firstQuestion', 'cs.lastAnswer', 'cs.turns', 'cs.feedback', 'common.actions'];

function ColumnHeads({ keys }: { keys: MessageKey[] }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {keys.map((k) => (
          <th key={k} scope="col">
            {t(k)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The customer-service workspace: knowledge base, chat, conversations, intents, retrieval test. */
export function CustomerServicePage() {
  const { t } = useI18n();
  const [typed, setKey] = useState(storedPlaygroundKey);
  // The workspace calls the server once the key field has settled, not on every keystroke.
  const key = useDebounced(typed, 500);
  const [section, setSection] = useState<Section>('documents');
  const call: Call = (method, path, body) => api(method, csUrl(path), { bearer: key, anonymous: true, body });
  return (
    <section class="cs">
      <PageHeader title={t('cs.title')} />
      <div class="card field">
        <label for="cs-key">{t('playground.apiKey')}</label>
        <input
          id="cs-key"
          type="password"
          autoComplete="off"
          value={typed}
          placeholder="atr_…"
          onInput={(e) => {
            setKey(e.currentTarget.value.trim());
            rememberPlaygroundKey(e.currentTarget.value.trim());
          }}
        />
        <small>{t('cs.keyHint')}</small>
      </div>
      <nav class="content-sections" aria-label={t('cs.title')}>
        {SECTIONS.map((s) => (
          <button key={s} id={`cs-section-${s}`} type="button" class={s === section ? '' : 'secondary'} aria-pressed={s === section} onClick={() => setSection(s)}>
            {t(`cs.section.${s}` as MessageKey)}
          </button>
        ))}
      </nav>
      {!key ? (
        <p class="muted">{t('cs.needKey')}</p>
      ) : section === 'documents' ? (
        <Documents call={call} apiKey={key} />
      ) : section === 'chat' ? (
        <Chat call={call} apiKey={key} />
      ) : section === 'conversations' ? (
        <Conversations call={call} />
      ) : section === 'intents' ? (
        <Intents call={call} />
      ) : (
        <Retrieval call={call} />
      )}
    </section>
  );
}

function Documents({ call, apiKey }: { call: Call; apiKey: string }) {
  const { t, lang } = useI18n();
  const docs = useLoad(() => call('GET', '/documents').then((p) => items<CsDocument>(p)), [apiKey]);
  const [uploading, setUploading] = useState<{ name: string; fraction: number }>();
  const [replacing, setReplacing] = useState<string>();
  const [deleting, setDeleting] = useState<CsDocument>();
  const fileInput = useRef<HTMLInputElement>(null);
  const send = useAction(async (file: File, documentId?: string) => {
    setUploading({ name: file.name, fraction: 0 });
    try {
      await upload('POST', uploadPath(file.name, documentId), file, (fraction) => setUploading({ name: file.name, fraction }), documentContentType(file.name, file.type), apiKey);
    } finally {
      setUploading(undefined);
      setReplacing(undefined);
    }
    docs.reload();
  });
  const remove = useAction(async (doc: CsDocument) => {
    await call('DELETE', `/documents/${encodeURIComponent(doc.id)}`);
    setDeleting(undefined);
    docs.reload();
  });
  // Ingestion runs in the background: while a document ingests, its progress is read every second.
  const ingesting = (docs.data ?? []).filter(isIngesting).map((d) => d.id);
  const [progress, setProgress] = useState<Record<string, CsDocument>>({});
  useEffect(() => {
    if (!ingesting.length) return;
    const timer = setInterval(async () => {
      const fresh = await Promise.all(ingesting.map((id) => call<CsDocument>('GET', `/documents/${encodeURIComponent(id)}`).catch(() => undefined)));
      const next: Record<string, CsDocument> = {};
      fresh.forEach((d) => d && (next[d.id] = d));
      setProgress((p) => ({ ...p, ...next }));
      if (fresh.some((d) => d && !isIngesting(d))) docs.reload();
    }, 1000);
    return () => clearInterval(timer);
  }, [ingesting.join('|')]);
  const pick = (documentId?: string) => {
    setReplacing(documentId);
    fileInput.current?.click();
  };
  return (
    <div class="card">
      <h2>{t('cs.documents')}</h2>
      <p class="muted">{t('cs.documentsHint')}</p>
      <label for="cs-file" class="sr-only">
        {t('cs.chooseFile')}
      </label>
      <input
        id="cs-file"
        ref={fileInput}
        type="file"
        accept=".md,.markdown,.txt,.html,.htm,.pdf,.csv,.json"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) send.run(file, replacing);
        }}
      />
      <div class="toolbar">
        <button type="button" id="cs-upload" onClick={() => pick()} disabled={send.busy}>
          {t('cs.upload')}
        </button>
        <button type="button" class="secondary" id="cs-refresh" onClick={docs.reload}>
          {t('common.refresh')}
        </button>
      </div>
      {uploading && <Progress value={uploading.fraction} label={t('cs.uploading', { name: uploading.name, percent: Math.round(uploading.fraction * 100) })} />}
      <ErrorMessage error={send.error ?? remove.error} />
      <Async state={docs}>
        {(list) =>
          list.length === 0 ? (
            <p class="muted" id="cs-no-documents">{t('cs.noDocuments')}</p>
          ) : (
            <div class="table-wrap">
              <table id="cs-documents" class="responsive">
                <ColumnHeads keys={DOCUMENT_COLUMNS} />
                <tbody>
                  {list.map((listed) => {
                    const d = isIngesting(listed) && progress[listed.id] ? progress[listed.id] : listed;
                    return (
                      <tr key={d.id} data-document={d.id} data-file={d.fileName}>
                        <td data-label={t('cs.document')}>
                          <strong>{d.title || d.fileName}</strong>
                          <br />
                          <small class="muted">{d.fileName}</small>
                        </td>
                        <td data-label={t('common.status')}>
                          <StatusBadge status={d.status} />
                          {isIngesting(d) && <Progress value={ingestionProgress(d)} label={`${Math.round(ingestionProgress(d) * 100)}%${d.job?.message ? ` · ${d.job.message}` : ''}`} />}
                          {d.error && <small class="error-text">{d.error}</small>}
                        </td>
                        <td data-label={t('cs.chunks')} class="num">{formatNumber(d.chunks, lang)}</td>
                        <td data-label={t('cs.characters')} class="num">{formatNumber(d.characters, lang)}</td>
                        <td data-label={t('cs.updated')}>{formatDate(d.updatedAt, lang)}</td>
                        <td data-label={t('common.actions')} class="actions">
                          <button type="button" class="secondary" onClick={() => pick(d.id)} disabled={send.busy}>
                            {t('cs.reupload')}
                          </button>
                          <button type="button" class="danger" onClick={() => setDeleting(d)}>
                            {t('cs.delete')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
      {deleting && (
        <ConfirmDialog
          title={t('cs.deleteTitle')}
          message={t('cs.deleteConfirm', { name: deleting.title || deleting.fileName })}
          confirmLabel={t('cs.delete')}
          onConfirm={() => remove.run(deleting)}
          onCancel={() => setDeleting(undefined)}
          busy={remove.busy}
          error={remove.error}
        />
      )}
    </div>
  );
}

interface Turn {
  question: string;
  progress: AnswerProgress;
  feedback?: boolean;
}

function Chat({ call, apiKey }: { call: Call; apiKey: string }) {
  const { t } = useI18n();
  const [question, setQuestion] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);
  const [conversationId, setConversationId] = useState<string>();
  const [open, setOpen] = useState<Citation>();
  const update = (i: number, f: (turn: Turn) => Turn) => setTurns((all) => all.map((x, j) => (j === i ? f(x) : x)));
  const ask = useAction(async (text: string) => {
    const index = turns.length;
    setTurns((all) => [...all, { question: text, progress: { citations: [], draft: '' } }]);
    setQuestion('');
    try {
      const body: Record<string, unknown> = { question: text, stream: true };
      if (conversationId) body.conversationId = conversationId;
      const response = await request('POST', csUrl('/answer'), { bearer: apiKey, anonymous: true, accept: 'text/event-stream', body });
      for await (const e of sseEvents(response)) {
        if (e.data === '[DONE]') break;
        const event = JSON.parse(e.data);
        update(index, (turn) => ({ ...turn, progress: foldAnswer(turn.progress, event) }));
        if (event.type === 'result') setConversationId(event.conversationId);
      }
    } catch (e) {
      setTurns((all) => all.slice(0, index));
      setQuestion(text);
      throw e;
    }
  });
  const rate = useAction(async (i: number, helpful: boolean) => {
    const result = turns[i].progress.result!;
    await call('POST', '/feedback', { conversationId: result.conversationId, turn: result.turn, helpful });
    update(i, (turn) => ({ ...turn, feedback: helpful }));
  });
  return (
    <div class="card">
      <h2>{t('cs.chat')}</h2>
      <div class="cs-log" role="log" aria-live="polite" aria-busy={ask.busy} id="cs-log">
        {turns.length === 0 && <p class="muted">{t('cs.chatHint')}</p>}
        {turns.map((turn, i) => {
          const r = turn.progress.result;
          return (
            <div key={i} class="cs-turn">
              <p class="cs-question">
                <strong>{t('cs.customer')}</strong> {turn.question}
              </p>
              <div class="chat-answer cs-answer" data-done={r ? 'true' : 'false'}>
                <p class="cs-answer-text">{r ? r.answer.trim() : turn.progress.draft.trim() || t('cs.searching')}</p>
                {!r && turn.progress.draft && <small class="muted">{t('cs.drafting')}</small>}
                {r && (
                  <p class="badges">
                    <span class={`badge badge-confidence-${confidenceLevel(r.confidence)}`} title={t('cs.confidence')}>
                      {t(`cs.confidence.${confidenceLevel(r.confidence)}` as MessageKey, { value: Math.round(r.confidence * 100) })}
                    </span>{' '}
                    {r.handoff && <span class="badge badge-handoff">{t('cs.handoff')}</span>}{' '}
                    <span class="badge">{t(`cs.mode.${r.mode}` as MessageKey) === `cs.mode.${r.mode}` ? r.mode : t(`cs.mode.${r.mode}` as MessageKey)}</span>
                    {r.intent && <span class="badge"> {r.intent}</span>}
                  </p>
                )}
                {turn.progress.citations.length > 0 && (
                  <ol class="citations">
                    {turn.progress.citations.map((c, j) => (
                      <li key={j}>
                        <button type="button" class="link cs-citation" onClick={() => setOpen(c)}>
                          {c.title || c.documentId}
                        </button>{' '}
                        <span class="muted">{Math.round(c.score * 100)}%</span>
                      </li>
                    ))}
                  </ol>
                )}
                {r && (
                  <div class="toolbar cs-feedback">
                    <button type="button" class="secondary" aria-pressed={turn.feedback === true} disabled={turn.feedback !== undefined || rate.busy} onClick={() => rate.run(i, true)}>
                      {t('cs.helpful')}
                    </button>
                    <button type="button" class="secondary" aria-pressed={turn.feedback === false} disabled={turn.feedback !== undefined || rate.busy} onClick={() => rate.run(i, false)}>
                      {t('cs.notHelpful')}
                    </button>
                    {turn.feedback !== undefined && <span class="muted cs-thanks">{t('cs.thanks')}</span>}
                  </div>
                )}
              </div>
            </div>
          );
        })}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (question.trim()) ask.run(question.trim());
        }}
      >
        <div class="field">
          <label for="cs-question">{t('cs.question')}</label>
          <textarea id="cs-question" rows={2} value={question} maxLength={2000} onInput={(e) => setQuestion(e.currentTarget.value)} />
        </div>
        <div class="toolbar">
          <button type="submit" id="cs-ask" disabled={ask.busy || !question.trim()}>
            {ask.busy ? t('cs.answering') : t('cs.ask')}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setTurns([]);
              setConversationId(undefined);
            }}
            disabled={ask.busy}
          >
            {t('cs.newConversation')}
          </button>
        </div>
        <ErrorMessage error={ask.error ?? rate.error} />
      </form>
      {open && <PassageDialog citation={open} onClose={() => setOpen(undefined)} />}
    </div>
  );
}

function PassageDialog({ citation, onClose }: { citation: Citation; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog
      title={citation.title || citation.documentId}
      onClose={onClose}
      footer={
        <button type="button" onClick={onClose} id="cs-passage-close">
          {t('common.close')}
        </button>
      }
    >
      <p class="muted">
        {citation.documentId} · {t('cs.score', { value: Math.round(citation.score * 100) })}
      </p>
      {citation.question && <p><strong>{citation.question}</strong></p>}
      <blockquote class="cs-passage">{citation.text}</blockquote>
    </Dialog>
  );
}

function Conversations({ call }: { call: Call }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => call('GET', '/conversations').then((p) => items(p)));
  const [chosen, setChosen] = useState<string>();
  return (
    <div class="card">
      <h2>{t('cs.conversations')}</h2>
      <Async state={list}>
        {(rows: any[]) =>
          rows.length === 0 ? (
            <p class="muted">{t('cs.noConversations')}</p>
          ) : (
            <div class="table-wrap">
              <table id="cs-conversations" class="responsive">
                <ColumnHeads keys={CONVERSATION_COLUMNS} />
                <tbody>
                  {rows.map((c) => (
                    <tr key={c.id}>
                      <td data-label={t('cs.updated')}>{formatDate(c.updatedAt, lang)}</td>
                      <td data-label={t('cs.firstQuestion')}>
                        {c.firstQuestion} {c.handoff && <span class="badge badge-handoff">{t('cs.handoff')}</span>}
                      </td>
                      <td data-label={t('cs.lastAnswer')}>{c.lastAnswer}</td>
                      <td data-label={t('cs.turns')} class="num">{formatNumber(c.turns, lang)}</td>
                      <td data-label={t('cs.feedback')}>
                        {t('cs.feedbackCounts', { helpful: formatNumber(c.feedback?.helpful ?? 0, lang), notHelpful: formatNumber(c.feedback?.notHelpful ?? 0, lang) })}
                      </td>
                      <td data-label={t('common.actions')}>
                        <button type="button" class="secondary" onClick={() => setChosen(c.id)}>
                          {t('cs.summary')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
      {chosen && <SummaryDialog call={call} id={chosen} onClose={() => setChosen(undefined)} />}
    </div>
  );
}

function SummaryDialog({ call, id, onClose }: { call: Call; id: string; onClose: () => void }) {
  const { t } = useI18n();
  const summary = useLoad(() => call('GET', `/conversations/${encodeURIComponent(id)}/summary`), [id]);
  return (
    <Dialog title={t('cs.summary')} onClose={onClose} footer={<button type="button" onClick={onClose}>{t('common.close')}</button>}>
      <Async state={summary}>
        {(s: any) => (
          <dl class="cs-summary">
            <dt>{t('cs.questions')}</dt>
            <dd>
              <ol>{(s.questions ?? []).map((q: string, i: number) => <li key={i}>{q}</li>)}</ol>
            </dd>
            <dt>{t('cs.intents')}</dt>
            <dd>{(s.intents ?? []).join(', ') || '—'}</dd>
            <dt>{t('cs.needsHuman')}</dt>
            <dd>{(s.needsHuman ?? []).join(' · ') || '—'}</dd>
            <dt>{t('cs.lastAnswer')}</dt>
            <dd>{s.lastAnswer || '—'}</dd>
          </dl>
        )}
      </Async>
    </Dialog>
  );
}

function Intents({ call }: { call: Call }) {
  const { t } = useI18n();
  const stored = useLoad(() => call('GET', '/intents'));
  const [forms, setForms] = useState<IntentForm[]>();
  const [problems, setProblems] = useState<ReturnType<typeof formToIntents>['problems']>([]);
  const [job, setJob] = useState<CsJob>();
  useEffect(() => {
    if (stored.data && !forms) setForms(intentsToForm(stored.data.intents ?? []));
  }, [stored.data]);
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => call<CsJob>('GET', `/jobs/${job.id}`).then(setJob, () => undefined), 1000);
    return () => clearTimeout(timer);
  }, [job]);
  const save = useAction(async () => {
    const { intents, problems } = formToIntents(forms ?? []);
    setProblems(problems);
    if (problems.length) return;
    const saved = await call('PUT', '/intents', { intents });
    setJob(saved.job);
  });
  const edit = (i: number, patch: Partial<IntentForm>) => setForms((all) => all!.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div class="card">
      <h2>{t('cs.intents')}</h2>
      <p class="muted">{t('cs.intentsHint')}</p>
      <Async state={stored}>
        {() => (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.run();
            }}
          >
            {(forms ?? []).map((f, i) => (
              <fieldset key={i} class="cs-intent">
                <legend>{f.name || t('cs.newIntent')}</legend>
                <div class="field">
                  <label for={`cs-intent-name-${i}`}>{t('cs.intentName')}</label>
                  <input id={`cs-intent-name-${i}`} value={f.name} maxLength={64} onInput={(e) => edit(i, { name: e.currentTarget.value })} />
                </div>
                <div class="field">
                  <label for={`cs-intent-examples-${i}`}>{t('cs.examples')}</label>
                  <textarea id={`cs-intent-examples-${i}`} rows={3} value={f.examples} onInput={(e) => edit(i, { examples: e.currentTarget.value })} />
                </div>
                <div class="field">
                  <label class="check">
                    <input type="checkbox" checked={f.handoff} onChange={(e) => edit(i, { handoff: e.currentTarget.checked })} /> {t('cs.intentHandoff')}
                  </label>
                </div>
                {problems
                  .filter((p) => p.index === i)
                  .map((p) => (
                    <p key={p.problem} class="error-text" role="alert">
                      {t(`cs.intentProblem.${p.problem}` as MessageKey)}
                    </p>
                  ))}
                <button type="button" class="secondary" onClick={() => setForms((all) => all!.filter((_, j) => j !== i))}>
                  {t('cs.removeIntent')}
                </button>
              </fieldset>
            ))}
            <div class="toolbar">
              <button type="button" class="secondary" onClick={() => setForms((all) => [...(all ?? []), { name: '', description: '', handoff: false, examples: '' }])}>
                {t('cs.addIntent')}
              </button>
              <button type="submit" id="cs-intents-save" disabled={save.busy || !forms?.length}>
                {save.busy ? t('common.saving') : t('cs.saveIntents')}
              </button>
            </div>
            {job && <Progress value={job.progress} label={`${t('cs.training')} ${Math.round(job.progress * 100)}% · ${t(`status.${job.state}` as MessageKey)}`} />}
            <ErrorMessage error={save.error} />
          </form>
        )}
      </Async>
    </div>
  );
}

function Retrieval({ call }: { call: Call }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [topK, setTopK] = useState(5);
  const [open, setOpen] = useState<Citation>();
  const search = useAction((q: string, k: number) => call('POST', '/search', { query: q, topK: k }));
  const [found, setFound] = useState<any>();
  return (
    <div class="card">
      <h2>{t('cs.retrieval')}</h2>
      <p class="muted">{t('cs.retrievalHint')}</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await search.run(query.trim(), topK);
          if (r) setFound(r);
        }}
      >
        <div class="field">
          <label for="cs-query">{t('cs.query')}</label>
          <input id="cs-query" value={query} maxLength={2000} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="cs-topk">{t('cs.topK')}</label>
          <select id="cs-topk" value={topK} onChange={(e) => setTopK(Number(e.currentTarget.value))}>
            {[3, 5, 10, 20].map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" id="cs-search" disabled={search.busy || !query.trim()}>
          {t('cs.search')}
        </button>
        <ErrorMessage error={search.error} />
      </form>
      {found && (
        <div id="cs-passages">
          <p>
            <span class={`badge badge-confidence-${confidenceLevel(found.confidence, found.confidenceThreshold)}`}>
              {t(`cs.confidence.${confidenceLevel(found.confidence, found.confidenceThreshold)}` as MessageKey, { value: Math.round(found.confidence * 100) })}
            </span>{' '}
            {found.handoff && <span class="badge badge-handoff">{t('cs.wouldHandoff')}</span>}
          </p>
          {found.data.length === 0 ? (
            <p class="muted">{t('cs.noPassages')}</p>
          ) : (
            <ol class="cs-passages">
              {found.data.map((c: Citation, i: number) => (
                <li key={i}>
                  <button type="button" class="link cs-citation" onClick={() => setOpen(c)}>
                    {c.title || c.documentId}
                  </button>{' '}
                  <span class="muted">{t('cs.score', { value: Math.round(c.score * 100) })}</span>
                  <p class="cs-snippet">{c.text.length > 240 ? `${c.text.slice(0, 240)}…` : c.text}</p>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      {open && <PassageDialog citation={open} onClose={() => setOpen(undefined)} />}
    </div>
  );
}
