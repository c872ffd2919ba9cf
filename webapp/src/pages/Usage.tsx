import { useState } from 'preact/hooks';
import { get, items } from '../api';
import { useLoad } from '../hooks';
import { formatMoney, formatNumber, useI18n, type MessageKey } from '../i18n';
import { Chart } from '../components/Chart';
import { BudgetPanel } from '../components/Budget';
import { Async, PageHeader } from '../components/ui';
import { declaredUnit, meterName, usePluginMeters } from '../meters';
import {
  byUnit,
  daysBetween,
  formatUnitPrice,
  normaliseReport,
  thisPeriod,
  toChart,
  toCostChart,
  unitName,
  usageQuery,
  type GroupBy,
} from '../usage';

const GROUPS: GroupBy[] = ['day', 'meter', 'plugin', 'model', 'key'];

export function UsagePage() {
  const { t, lang } = useI18n();
  const plugins = usePluginMeters();
  const period = thisPeriod();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [groupBy, setGroupBy] = useState<GroupBy>('day');
  const usage = useLoad(async () => {
    const report = normaliseReport(await get(usageQuery(from, to, groupBy)), groupBy);
    if (groupBy !== 'key') return report;
    // Key ids mean nothing to people: show the key's name and prefix.
    const keys = items<{ id: string; name: string; prefix: string }>(await get('/api/keys').catch(() => []));
    const names = new Map(keys.map((k) => [k.id, `${k.name} (${k.prefix}…)`]));
    return { ...report, rows: report.rows.map((r) => ({ ...r, group: names.get(r.group) ?? r.group })) };
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
        {(report) => {
          const { meters, currency } = report;
          // A third-party plugin's meter may be unknown to billing's catalogue: its declared unit then.
          const rows = report.rows.map((r) => (r.unit ? r : { ...r, unit: declaredUnit(r.meter, plugins) }));
          if (rows.length === 0) return <p class="muted" id="usage-empty">{t('usage.empty')}</p>;
          const days = groupBy === 'day' ? daysBetween(from, to) : undefined;
          const priced = report.totalCost !== undefined;
          const name = (meter: string) => meterName(meter, lang, plugins, meters[meter]?.description);
          const cost = toCostChart(rows, groupBy, days);
          return (
            <>
              {priced && (
                <div class="card" id="usage-cost">
                  <h2>{t('usage.totalCost', { amount: formatMoney(report.totalCost, currency, lang) })}</h2>
                  <p class="muted">{t('usage.listPriceNote')}</p>
                  <Chart kind="bar" labels={groupBy === 'meter' ? cost.labels.map(name) : cost.labels} series={[{ label: t('usage.cost'), values: cost.series[0].values }]} label={t('usage.costChart')} />
                </div>
              )}
              <div class="chart-grid">
                {byUnit(rows).map(([unit, unitRows]) => {
                  const { labels, series } = toChart(unitRows, groupBy, days);
                  const title = t('usage.unitChart', { unit: unitName(unit, t) || '—' });
                  return (
                    <div class="card usage-unit-chart" key={unit} data-unit={unit}>
                      <h2>{title}</h2>
                      <Chart
                        kind="bar"
                        labels={groupBy === 'meter' ? labels.map(name) : labels}
                        series={series.map((s) => ({ ...s, label: groupBy === 'meter' ? unitName(unit, t) : name(s.label) }))}
                        stacked
                        label={title}
                      />
                    </div>
                  );
                })}
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
                      {priced && <th scope="col">{t('usage.unitPrice')}</th>}
                      {priced && (
                        <th scope="col" class="num">
                          {t('usage.cost')}
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r, i) => (
                      <tr key={i}>
                        {groupBy !== 'meter' && <td data-label={t(`usage.${groupBy}` as MessageKey)}>{r.group || '—'}</td>}
                        <td data-label={t('usage.meter')} title={r.meter}>{name(r.meter)}</td>
                        <td data-label={t('usage.quantity')} class="num">
                          {formatNumber(r.quantity, lang)} <span class="muted">{unitName(r.unit, t)}</span>
                        </td>
                        {priced && <td>{formatUnitPrice(meters[r.meter]?.unitPrice, r.unit, currency, lang, t)}</td>}
                        {priced && <td class="num">{formatMoney(r.cost ?? 0, currency, lang)}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </Async>
      <BudgetPanel />
    </section>
  );
}
