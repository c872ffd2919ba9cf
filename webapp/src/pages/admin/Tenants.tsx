import { get, items } from '../../api';
import { useLoad } from '../../hooks';
import { formatDate, useI18n } from '../../i18n';
import { Async, PageHeader } from '../../components/ui';

export function TenantsPage() {
  const { t, lang } = useI18n();
  const tenants = useLoad(() => get('/api/admin/tenants?limit=500').then((p) => items(p)));
  return (
    <section>
      <PageHeader title={t('tenants.title')}>
        <button type="button" class="secondary" onClick={tenants.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <Async state={tenants}>
        {(list) => (
          <div class="table-wrap">
            <table class="responsive">
              <caption class="sr-only">{t('tenants.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('overview.plan')}</th>
                  <th scope="col">{t('common.created')}</th>
                  <th scope="col">{t('tenants.id')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((x: any) => (
                  <tr key={x.id}>
                    <td data-label={t('common.name')}>{x.name}</td>
                    <td data-label={t('overview.plan')}>{x.plan?.name ?? x.plan ?? x.planId ?? '—'}</td>
                    <td data-label={t('common.created')}>{formatDate(x.createdAt, lang)}</td>
                    <td data-label={t('tenants.id')}>
                      <code>{x.id}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
    </section>
  );
}
