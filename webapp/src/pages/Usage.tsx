import { useState } from 'preact/hooks';
import { get, items } from '../api';
import { useLoad } from '../hooks';
import { formatNumber, useI18n, type MessageKey } from '../i18n';
import { Chart } from '../components/Chart';
import { Async, PageHeader } from '../components/ui';
import { meterName } from '../meters';
import { daysBetween, normaliseRows, thisPeriod, toChart, usageQuery, type GroupBy } from '../usage';

const GROUPS: GroupBy[] = ['day', 'meter', 'plugin', 'model', 'key'];

export function UsagePage() {
  const { t, lang } = useI18n();
  const period = thisPeriod();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [groupBy, setGroupBy] = useState<GroupBy>('day');
  const usage = useLoad(async () => {
    const rows = normaliseRows(await get(usageQuery(from, to, groupBy)), groupBy);
    if (groupBy !== 'key') return rows;
    // Key ids mean nothing to people: show the key's name and prefix.
    const keys = items<{ id: string; name: string; prefix: string }>(await get('/api/keys').catch(() => []));
    const names = new Map(keys.map((k) => [k.id, `${k.name} (${k.prefix}…)`]));
    return rows.map((r) => ({ ...r, group: names.get(r.group) ?? r.group }));
  }, [from, to, groupBy]);
  return (
    <section>
      <PageHeader title={t('usage.title')}>
        <button type="button" class="secondary" onClick={usage.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <form class="toolbar" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="usage-from">{t('common.from')}</label>
          <input id="usage-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="usage-to">{t('common.to')}</label>
          <input id="usage-to" type="date" value={to} min={from} onChange={(e) => setTo(e.currentTarget.value)} />
        </div>
        <fieldset class="segmented">
          <legend>{t('usage.groupBy')}</legend>
          {GROUPS.map((g) => (
            <label key={g} class={g === groupBy ? 'on' : ''}>
              <input type="radio" name="groupBy" value={g} checked={g === groupBy} onChange={() => setGroupBy(g)} />
              {t(`usage.${g}` as MessageKey)}
            </label>
          ))}
        </fieldset>
      </form>
      <Async state={usage}>
        {(rows) => {
          if (rows.length === 0) return <p class="muted" id="usage-empty">{t('usage.empty')}</p>;
          const { labels, series } = toChart(rows, groupBy, groupBy === 'day' ? daysBetween(from, to) : undefined);
          return (
            <>
              <div class="card">
                <Chart kind="bar" labels={labels} series={series} stacked label={t('usage.chart')} />
              </div>
              <div class="table-wrap">
                <table id="usage-table" class="responsive">
                  <caption>{t('usage.table')}</caption>
                  <thead>
                    <tr>
                      {groupBy !== 'meter' && <th scope="col">{t(`usage.${groupBy}` as MessageKey)}</th>}
                      <th scope="col">{t('usage.meter')}</th>
                      <th scope="col" class="num">
                        {t('usage.quantity')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r, i) => (
                      <tr key={i}>
                        {groupBy !== 'meter' && <td data-label={t(`usage.${groupBy}` as MessageKey)}>{r.group || '—'}</td>}
                        <td data-label={t('usage.meter')}>{meterName(r.meter, lang)}</td>
                        <td data-label={t('usage.quantity')} class="num">
                          {formatNumber(r.quantity, lang)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </Async>
    </section>
  );
}
