import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api';
import { asApiError } from '../hooks';
import { formatNumber, useI18n, type MessageKey } from '../i18n';
import { ErrorMessage, PageHeader } from '../components/ui';
import { rememberPlaygroundKey, storedPlaygroundKey } from '../playgroundKey';
import {
  caretLine,
  histogramBars,
  mergeStream,
  percent,
  reasonText,
  rulePosition,
  type FraudReason,
  type StreamEntry,
} from '../fraud';
import { pluginUrl } from '../plugins';

type Tab = 'stream' | 'alerts' | 'rules' | 'models' | 'report';
const TABS: Tab[] = ['stream', 'alerts', 'rules', 'models', 'report'];

/** Calls the fraud plugin with the tenant's API key. */
function useFraud(apiKey: string) {
  return <T = any,>(method: string, path: string, body?: unknown) =>
    api<T>(method, pluginUrl('fraud', path), { bearer: apiKey, anonymous: true, body });
}

/**
 * The fraud plugin's desk: the live score stream, the alert queue with the case view, the rule
 * editor with its backtest, model versions with promote and rollback, and the daily report.
 */
export function FraudPage() {
  const { t } = useI18n();
  const [apiKey, setApiKey] = useState(storedPlaygroundKey);
  const [tab, setTab] = useState<Tab>('stream');
  return (
    <section>
      <PageHeader title={t('fraud.title')} />
      <div class="field">
        <label for="fraud-key">{t('playground.apiKey')}</label>
        <input
          id="fraud-key"
          type="password"
          autocomplete="off"
          value={apiKey}
          onInput={(e) => {
            setApiKey(e.currentTarget.value);
            rememberPlaygroundKey(e.currentTarget.value);
          }}
        />
      </div>
      <div role="tablist" class="tabs">
        {TABS.map((name) => (
          <button type="button" role="tab" aria-selected={tab === name} class={tab === name ? '' : 'secondary'} onClick={() => setTab(name)}>
            {t(`fraud.tab.${name}` as MessageKey)}
          </button>
        ))}
      </div>
      {!apiKey ? (
        <p class="muted">{t('fraud.needKey')}</p>
      ) : tab === 'stream' ? (
        <Stream apiKey={apiKey} />
      ) : tab === 'alerts' ? (
        <Alerts apiKey={apiKey} />
      ) : tab === 'rules' ? (
        <Rules apiKey={apiKey} />
      ) : tab === 'models' ? (
        <Models apiKey={apiKey} />
      ) : (
        <Report apiKey={apiKey} />
      )}
    </section>
  );
}

function Stream({ apiKey }: { apiKey: string }) {
  const { t, lang } = useI18n();
  const call = useFraud(apiKey);
  const [entries, setEntries] = useState<StreamEntry[]>([]);
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    let last = 0;
    let stopped = false;
    const poll = async () => {
      try {
        const page = await call<{ data: StreamEntry[] }>('GET', `/stream?after=${last}`);
        if (page.data.length) last = page.data[page.data.length - 1].seq;
        setEntries((shown) => mergeStream(shown, page.data));
        setError(undefined);
      } catch (e) {
        setError(asApiError(e));
      }
      if (!stopped) timer = setTimeout(poll, 2000);
    };
    let timer = setTimeout(poll, 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [apiKey]);
  return (
    <div>
      <ErrorMessage error={error} />
      {entries.length === 0 ? (
        <p class="muted">{t('fraud.stream.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="responsive">
            <thead>
              <tr>
                <th>{t('fraud.txn')}</th>
                <th>{t('fraud.amount')}</th>
                <th>{t('fraud.score')}</th>
                <th>{t('fraud.decision')}</th>
                <th>{t('fraud.topReason')}</th>
              </tr>
            </thead>
            <tbody>
              {[...entries].reverse().map((e) => (
                <tr key={e.seq}>
                  <td>{e.txn.id} · {e.txn.account}</td>
                  <td>{formatNumber(e.txn.amount, lang)} {e.txn.currency}</td>
                  <td>{percent(e.s)}</td>
                  <td><span class={`badge ${e.a}`}>{t(`fraud.decision.${e.a}` as MessageKey)}</span></td>
                  <td>{e.why[0] ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

interface Alert {
  id: string;
  txn: { id: string; amount: number; currency: string; account: string };
  score: number;
  decision: string;
  status: string;
  assignee?: string;
  reasons: FraudReason[];
  rules: string[];
  notes: { text: string; at: string }[];
}

function Alerts({ apiKey }: { apiKey: string }) {
  const { t, lang } = useI18n();
  const call = useFraud(apiKey);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [open, setOpen] = useState<Alert | null>(null);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<ApiError>();
  const load = async () => {
    try {
      setAlerts((await call<{ data: Alert[] }>('GET', '/alerts')).data);
      setError(undefined);
    } catch (e) {
      setError(asApiError(e));
    }
  };
  const act = async (path: string, body: unknown) => {
    if (!open) return;
    try {
      setOpen(await call<Alert>('POST', `/alerts/${encodeURIComponent(open.id)}/${path}`, body));
      await load();
    } catch (e) {
      setError(asApiError(e));
    }
  };
  useEffect(() => {
    load();
  }, [apiKey]);
  return (
    <div>
      <ErrorMessage error={error} />
      {alerts.length === 0 && <p class="muted">{t('fraud.alerts.empty')}</p>}
      <ul class="plain">
        {alerts.map((a) => (
          <li key={a.id}>
            <button type="button" class="link" onClick={() => setOpen(a)}>
              {a.txn.id} · {formatNumber(a.txn.amount, lang)} {a.txn.currency} · {percent(a.score)} ·{' '}
              {t(`fraud.decision.${a.decision}` as MessageKey)} · {t(`fraud.status.${a.status}` as MessageKey)}
            </button>
          </li>
        ))}
      </ul>
      {open && (
        <article class="card" aria-label={t('fraud.case')}>
          <h3>{t('fraud.case')} {open.id}</h3>
          <p>{t('fraud.account')}: {open.txn.account} · {t(`fraud.status.${open.status}` as MessageKey)}{open.assignee ? ` · ${open.assignee}` : ''}</p>
          <h4>{t('fraud.reasons')}</h4>
          <ul>
            {open.reasons.map((r) => (
              <li key={r.feature}>{reasonText(r, lang)}</li>
            ))}
          </ul>
          {open.rules.length > 0 && <p>{t('fraud.rulesHit')}: {open.rules.join(', ')}</p>}
          <ul>
            {open.notes.map((n) => (
              <li key={n.at}>{n.text}</li>
            ))}
          </ul>
          <div class="field">
            <label for="fraud-assignee">{t('fraud.assignee')}</label>
            <input id="fraud-assignee" value={assignee} onInput={(e) => setAssignee(e.currentTarget.value)} />
            <button type="button" class="secondary" onClick={() => act('assign', { assignee })}>{t('fraud.assign')}</button>
          </div>
          <div class="field">
            <label for="fraud-note">{t('fraud.note')}</label>
            <textarea id="fraud-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            <button type="button" class="secondary" onClick={() => act('notes', { text: note }).then(() => setNote(''))}>{t('fraud.addNote')}</button>
          </div>
          <button type="button" class="danger" onClick={() => act('resolve', { outcome: 'fraud' })}>{t('fraud.confirmFraud')}</button>{' '}
          <button type="button" class="secondary" onClick={() => act('resolve', { outcome: 'legitimate' })}>{t('fraud.dismiss')}</button>
        </article>
      )}
    </div>
  );
}

interface Rule {
  id: string;
  name: string;
  expression: string;
  action: string;
  score: number;
  enabled: boolean;
  backtest?: { evaluated: number; hits: number; hitRate: number; precision: number | null };
}

function Rules({ apiKey }: { apiKey: string }) {
  const { t, lang } = useI18n();
  const call = useFraud(apiKey);
  const [rules, setRules] = useState<Rule[]>([]);
  const [draft, setDraft] = useState({ name: '', expression: 'txn.amount > 5000 && features.new_device', action: 'review', score: 0.2 });
  const [preview, setPreview] = useState<Rule['backtest']>();
  const [error, setError] = useState<ApiError>();
  const load = async () => setRules((await call<{ data: Rule[] }>('GET', '/rules')).data);
  const run = async (work: () => Promise<void>) => {
    try {
      await work();
      setError(undefined);
    } catch (e) {
      setError(asApiError(e));
    }
  };
  useEffect(() => {
    run(load);
  }, [apiKey]);
  const position = rulePosition(error?.message);
  const body = { name: draft.name, expression: draft.expression, action: draft.action, ...(draft.action === 'score' ? { score: draft.score } : {}) };
  return (
    <div>
      <div class="field">
        <label for="rule-name">{t('fraud.rule.name')}</label>
        <input id="rule-name" value={draft.name} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for="rule-expression">{t('fraud.rule.expression')}</label>
        <textarea id="rule-expression" rows={3} value={draft.expression} onInput={(e) => setDraft({ ...draft, expression: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for="rule-action">{t('fraud.rule.action')}</label>
        <select id="rule-action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })}>
          {['allow', 'review', 'block', 'score'].map((a) => (
            <option value={a}>{t(`fraud.action.${a}` as MessageKey)}</option>
          ))}
        </select>
        {draft.action === 'score' && (
          <input type="number" step="0.05" min="-1" max="1" value={draft.score} onInput={(e) => setDraft({ ...draft, score: Number(e.currentTarget.value) })} />
        )}
      </div>
      <button type="button" class="secondary" onClick={() => run(async () => setPreview(await call('POST', '/rules/backtest', { expression: draft.expression })))}>
        {t('fraud.rule.backtest')}
      </button>{' '}
      <button type="button" onClick={() => run(async () => { setPreview((await call<Rule>('POST', '/rules', body)).backtest); await load(); })}>
        {t('fraud.rule.save')}
      </button>
      <ErrorMessage error={error} />
      {position && <pre class="code">{caretLine(draft.expression, position.line, position.column)}</pre>}
      {preview && (
        <p>
          {t('fraud.rule.hitRate')}: {percent(preview.hitRate)} ({formatNumber(preview.hits, lang)} / {formatNumber(preview.evaluated, lang)})
          {preview.precision !== null && preview.precision !== undefined ? ` · ${t('fraud.precision')} ${percent(preview.precision)}` : ''}
        </p>
      )}
      <ul class="plain">
        {rules.map((r) => (
          <li key={r.id}>
            <code>{r.expression}</code> → {t(`fraud.action.${r.action}` as MessageKey)} · {r.name}
            {r.backtest ? ` · ${t('fraud.rule.hitRate')} ${percent(r.backtest.hitRate)}` : ''}{' '}
            <button type="button" class="secondary" onClick={() => run(async () => { await call('POST', `/rules/${r.id}/${r.enabled ? 'disable' : 'enable'}`, {}); await load(); })}>
              {t(r.enabled ? 'fraud.rule.disable' : 'fraud.rule.enable')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface ModelVersion {
  version: string;
  createdAt: string;
  labelled: number;
  fraud: number;
  metrics: { rocAuc: number; prAuc: number; rounds: number; trainingMillis: number };
}

function Models({ apiKey }: { apiKey: string }) {
  const { t, lang } = useI18n();
  const call = useFraud(apiKey);
  const [models, setModels] = useState<{ promoted: string | null; data: ModelVersion[] }>({ promoted: null, data: [] });
  const [job, setJob] = useState<{ id: string; state: string; progress: number; message: string }>();
  const [error, setError] = useState<ApiError>();
  const run = async (work: () => Promise<void>) => {
    try {
      await work();
      setError(undefined);
    } catch (e) {
      setError(asApiError(e));
    }
  };
  const load = async () => setModels(await call('GET', '/models'));
  useEffect(() => {
    run(load);
  }, [apiKey]);
  useEffect(() => {
    if (!job || (job.state !== 'running' && job.state !== 'queued')) return;
    const timer = setTimeout(() => run(async () => { setJob(await call('GET', `/jobs/${job.id}`)); await load(); }), 1000);
    return () => clearTimeout(timer);
  }, [job]);
  return (
    <div>
      <button type="button" onClick={() => run(async () => setJob(await call('POST', '/models/train', { days: 90 })))}>{t('fraud.model.train')}</button>{' '}
      <button type="button" class="secondary" onClick={() => run(async () => setModels(await call('POST', '/models/rollback', {})))}>{t('fraud.model.rollback')}</button>
      {job && <p>{t('fraud.model.job')}: {job.state} {percent(job.progress)} {job.message}</p>}
      <ErrorMessage error={error} />
      <p>{t('fraud.model.promoted')}: {models.promoted ?? t('fraud.model.unsupervised')}</p>
      <ul class="plain">
        {models.data.map((m) => (
          <li key={m.version}>
            {m.version} · ROC-AUC {formatNumber(m.metrics.rocAuc, lang)} · PR-AUC {formatNumber(m.metrics.prAuc, lang)} · {formatNumber(m.labelled, lang)}{' '}
            {t('fraud.model.labelled')}{' '}
            {m.version !== models.promoted && (
              <button type="button" class="secondary" onClick={() => run(async () => setModels(await call('POST', `/models/${m.version}/promote`, {})))}>
                {t('fraud.model.promote')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Report({ apiKey }: { apiKey: string }) {
  const { t, lang } = useI18n();
  const call = useFraud(apiKey);
  const [date, setDate] = useState(() => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  const [report, setReport] = useState<any>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    call('GET', `/reports/daily?date=${date}`).then(
      (r) => {
        setReport(r);
        setError(undefined);
      },
      (e) => setError(asApiError(e)),
    );
  }, [apiKey, date]);
  return (
    <div>
      <div class="field">
        <label for="report-date">{t('fraud.report.date')}</label>
        <input id="report-date" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
      </div>
      <ErrorMessage error={error} />
      {report && (
        <div>
          <p>{report.summary[lang]}</p>
          <h4>{t('fraud.report.histogram')}</h4>
          <div class="bars" aria-hidden="true">
            {histogramBars(report.scoreHistogram).map((h, i) => (
              <span key={i} style={{ display: 'inline-block', width: '8%', height: `${h}px`, background: 'currentColor', marginRight: '1%' }} />
            ))}
          </div>
          <h4>{t('fraud.report.reasons')}</h4>
          <ul>
            {report.topReasons.map((r: any) => (
              <li key={r.feature}>{r[lang]} ({formatNumber(r.count, lang)})</li>
            ))}
          </ul>
          <h4>{t('fraud.report.drift')} ({report.drift.reference})</h4>
          <ul>
            {report.drift.features.slice(0, 5).map((d: any) => (
              <li key={d.feature}>{d.feature}: PSI {formatNumber(d.psi, lang)} ({d.level})</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
