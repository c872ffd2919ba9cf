import { useState } from 'preact/hooks';
import { get, items } from '../api';
import { useLoad } from '../hooks';
import { formatDate, formatMoney, formatNumber, useI18n } from '../i18n';
import { useLocation } from '../router';
import { Async, PageHeader } from '../components/ui';
import { requestLogQuery, type RequestLogFilter } from '../usage';

interface LogLine {
  requestId: string;
  time: string;
  keyId: string;
  method: string;
  route: string;
  status: number;
  latencyMs: number;
  tokens: number;
  cost: string;
  errorCode: string | null;
}

/** The request log: every API-key request, filtered, newest first, paged on. */
export function RequestsPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const [draft, setDraft] = useState<RequestLogFilter>({ requestId: query.get('requestId') ?? '', status: '', keyId: '', route: '', from: '', to: '' });
  const [filter, setFilter] = useState(draft);
  const [pages, setPages] = useState<string[]>([]);
  const keys = useLoad(async () => items<{ id: string; name: string; prefix: string }>(await get('/api/keys').catch(() => [])), []);
  const log = useLoad(async () => {
    const first = await get<{ data: LogLine[]; next: string | null }>(requestLogQuery(filter));
    const lines = [...first.data];
    let next = first.next;
    for (const before of pages) {
      const page = await get<{ data: LogLine[]; next: string | null }>(requestLogQuery(filter, before));
      lines.push(...page.data);
      next = page.next;
    }
    return { lines, next };
  }, [filter, pages]);
  const keyName = (id: string) => {
    const k = keys.data?.find((key) => key.id === id);
    return k ? `${k.name} (${k.prefix}…)` : id.slice(0, 8);
  };
  const field = (name: keyof RequestLogFilter) => ({
    value: draft[name],
    onInput: (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value }),
  });
  return (
    <section>
      <PageHeader title={t('requests.title')}>
        <button type="button" class="secondary" onClick={log.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <form
        class="toolbar"
        id="request-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setPages([]);
          setFilter(draft);
        }}
      >
        <div class="field">
          <label for="requests-id">{t('requests.requestId')}</label>
          <input id="requests-id" {...field('requestId')} spellcheck={false} />
        </div>
        <div class="field">
          <label for="requests-status">{t('requests.status')}</label>
          <select id="requests-status" {...field('status')} onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}>
            <option value="">{t('requests.anyStatus')}</option>
            <option value="2xx">2xx</option>
            <option value="4xx">4xx</option>
            <option value="5xx">5xx</option>
          </select>
        </div>
        <div class="field">
          <label for="requests-key">{t('requests.key')}</label>
          <select id="requests-key" {...field('keyId')} onChange={(e) => setDraft({ ...draft, keyId: e.currentTarget.value })}>
            <option value="">{t('requests.anyKey')}</option>
            {(keys.data ?? []).map((k) => (
              <option key={k.id} value={k.id}>
                {k.name} ({k.prefix}…)
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="requests-route">{t('requests.route')}</label>
          <input id="requests-route" {...field('route')} placeholder="/v1/embeddings" />
        </div>
        <div class="field">
          <label for="requests-from">{t('common.from')}</label>
          <input id="requests-from" type="date" {...field('from')} />
        </div>
        <div class="field">
          <label for="requests-to">{t('common.to')}</label>
          <input id="requests-to" type="date" {...field('to')} />
        </div>
        <button type="submit">{t('requests.search')}</button>
      </form>
      <Async state={log}>
        {({ lines, next }) =>
          lines.length === 0 ? (
            <p class="muted" id="requests-empty">
              {t('requests.empty')}
            </p>
          ) : (
            <>
              <div class="table-wrap" tabIndex={0} role="region" aria-label={t('requests.table')}>
                <table id="requests-table">
                  <caption>{t('requests.table')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('requests.time')}</th>
                      <th scope="col">{t('requests.route')}</th>
                      <th scope="col">{t('requests.status')}</th>
                      <th scope="col" class="num">
                        {t('requests.latency')}
                      </th>
                      <th scope="col" class="num">
                        {t('requests.tokens')}
                      </th>
                      <th scope="col" class="num">
                        {t('requests.cost')}
                      </th>
                      <th scope="col">{t('requests.key')}</th>
                      <th scope="col">{t('requests.requestId')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {lines.map((l) => (
                      <tr key={l.requestId} data-request-id={l.requestId}>
                        <td>{formatDate(l.time, lang)}</td>
                        <td>
                          <code>
                            {l.method} {l.route}
                          </code>
                        </td>
                        <td>
                          <span class={l.status >= 400 ? 'badge badge-failed' : 'badge badge-active'}>{l.status}</span>{' '}
                          {l.errorCode && <code>{l.errorCode}</code>}
                        </td>
                        <td class="num">{t('requests.ms', { value: formatNumber(l.latencyMs, lang) })}</td>
                        <td class="num">{formatNumber(l.tokens, lang)}</td>
                        <td class="num">{formatMoney(l.cost, 'USD', lang)}</td>
                        <td>{keyName(l.keyId)}</td>
                        <td>
                          <code class="request-id">{l.requestId}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {next && (
                <button type="button" class="secondary" onClick={() => setPages([...pages, next])}>
                  {t('common.older')}
                </button>
              )}
            </>
          )
        }
      </Async>
    </section>
  );
}
