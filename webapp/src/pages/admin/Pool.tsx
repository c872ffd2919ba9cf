import { useEffect, useRef, useState } from 'preact/hooks';
import { readEventStream, type ApiError } from '../../api';
import { formatNumber, useI18n } from '../../i18n';
import { Chart } from '../../components/Chart';
import { ErrorMessage, PageHeader } from '../../components/ui';

export interface PoolState {
  model: string;
  workers: number;
  minWorkers?: number;
  maxWorkers?: number;
  queued: number;
  inFlight: number;
  capacity: number;
  meanBatchSize: number;
  itemsPerSecond: number;
  devices?: string[];
}

const HISTORY = 120;

/** The inference pool, pushed by the server every second (fetch-read SSE: it carries the token). */
export function PoolPage() {
  const { t, lang } = useI18n();
  const [pools, setPools] = useState<PoolState[] | null>(null);
  const [state, setState] = useState<'connecting' | 'open' | 'retrying' | 'error'>('connecting');
  const [error, setError] = useState<ApiError>();
  const history = useRef<{ at: string; queued: number; rate: number }[]>([]);
  const [, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    readEventStream(
      '/api/admin/pool/stream',
      (event, data) => {
        if (event !== 'pool') return;
        const parsed = JSON.parse(data) as { pools: PoolState[] };
        setPools(parsed.pools);
        history.current = [
          ...history.current,
          {
            at: new Date().toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
            queued: parsed.pools.reduce((s, p) => s + p.queued, 0),
            rate: parsed.pools.reduce((s, p) => s + p.itemsPerSecond, 0),
          },
        ].slice(-HISTORY);
        setTick((n) => n + 1);
      },
      abort.signal,
      (s, e) => {
        setState(s);
        setError(e);
      },
    );
    return () => abort.abort();
  }, []);
  const h = history.current;
  return (
    <section>
      <PageHeader title={t('pool.title')}>
        <span class={`live ${state}`} role="status" id="pool-state">
          {state === 'open' ? t('pool.live') : state === 'retrying' ? t('pool.reconnecting') : state === 'connecting' ? t('pool.connecting') : ''}
        </span>
      </PageHeader>
      <ErrorMessage error={error} />
      {pools && pools.length === 0 && <p class="muted">{t('pool.empty')}</p>}
      {pools && pools.length > 0 && (
        <div class="table-wrap">
          <table class="responsive" id="pool-table">
            <caption class="sr-only">{t('pool.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pool.model')}</th>
                <th scope="col" class="num">{t('pool.workers')}</th>
                <th scope="col" class="num">{t('pool.queued')}</th>
                <th scope="col" class="num">{t('pool.inFlight')}</th>
                <th scope="col" class="num">{t('pool.capacity')}</th>
                <th scope="col" class="num">{t('pool.batch')}</th>
                <th scope="col" class="num">{t('pool.throughput')}</th>
              </tr>
            </thead>
            <tbody>
              {pools.map((p) => (
                <tr key={p.model}>
                  <td data-label={t('pool.model')}>
                    <code>{p.model}</code>
                  </td>
                  <td data-label={t('pool.workers')} class="num">
                    {p.workers}
                    {p.maxWorkers ? ` / ${p.maxWorkers}` : ''}
                  </td>
                  <td data-label={t('pool.queued')} class="num">{p.queued}</td>
                  <td data-label={t('pool.inFlight')} class="num">{p.inFlight}</td>
                  <td data-label={t('pool.capacity')} class="num">{p.capacity}</td>
                  <td data-label={t('pool.batch')} class="num">{formatNumber(Math.round(p.meanBatchSize * 10) / 10, lang)}</td>
                  <td data-label={t('pool.throughput')} class="num">{formatNumber(Math.round(p.itemsPerSecond * 10) / 10, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {h.length > 1 && (
        <div class="card">
          <h2>{t('pool.history')}</h2>
          <Chart
            kind="line"
            labels={h.map((x) => x.at)}
            series={[
              { label: t('pool.queued'), values: h.map((x) => x.queued) },
              { label: t('pool.throughput'), values: h.map((x) => x.rate) },
            ]}
            label={t('pool.history')}
            height={200}
          />
        </div>
      )}
    </section>
  );
}
