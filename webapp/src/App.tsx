import { useEffect, useMemo, useState } from 'preact/hooks';
import { get, getToken, onUnauthorized, setToken, type SessionEnd } from './api';
import { I18nContext, initialLang, rememberLang, translator, useI18n, type Lang, type MessageKey } from './i18n';
import { linkClick, match, navigate, useLocation } from './router';
import { SessionContext, hasRole, isOperator, type Me } from './session';
import { ErrorMessage, Loading } from './components/ui';
import { LanguageSwitch } from './components/LanguageSwitch';
import { ThemeSwitch } from './components/ThemeSwitch';
import { AuthPage } from './pages/Auth';
import { AcceptInvitePage } from './pages/AcceptInvite';
import { OverviewPage } from './pages/Overview';
import { KeysPage } from './pages/Keys';
import { UsagePage } from './pages/Usage';
import { RequestsPage } from './pages/Requests';
import { BudgetNotice } from './components/Budget';
import { InvoiceDetailPage, InvoicesPage } from './pages/Invoices';
import { PluginsPage } from './pages/Plugins';
import { PlaygroundPage } from './pages/Playground';
import { ContentPage } from './pages/Content';
import { FraudPage } from './pages/Fraud';
import { CustomerServicePage } from './pages/CustomerService';
import { TeamPage } from './pages/Team';
import { AuditPage } from './pages/Audit';
import { PrivacyPage } from './pages/Privacy';
import { TenantsPage } from './pages/admin/Tenants';
import { AdminPlansPage } from './pages/admin/Plans';
import { PlansPage } from './pages/Plans';
import { TenantAccountPage } from './pages/admin/TenantAccount';
import { AdminPluginsPage } from './pages/admin/AdminPlugins';
import { PoolPage } from './pages/admin/Pool';
import { AdminInvoicesPage } from './pages/admin/Invoices';
import { asApiError } from './hooks';
import type { ApiError } from './api';

interface NavItem {
  path: string;
  key: MessageKey;
  /** The least tenant role the page's API admits (hidden from the others). */
  role?: 'admin' | 'owner';
}

const TENANT_NAV: NavItem[] = [
  { path: '/', key: 'nav.overview' },
  { path: '/keys', key: 'nav.keys' },
  { path: '/usage', key: 'nav.usage' },
  { path: '/plans', key: 'nav.plans' },
  { path: '/requests', key: 'nav.requests' },
  { path: '/invoices', key: 'nav.invoices', role: 'admin' },
  { path: '/plugins', key: 'nav.plugins' },
  { path: '/playground', key: 'nav.playground' },
  { path: '/customer-service', key: 'nav.customerService' },
  { path: '/content', key: 'nav.content' },
  { path: '/fraud', key: 'nav.fraud' },
  { path: '/team', key: 'nav.team' },
  { path: '/audit', key: 'nav.audit', role: 'admin' },
  { path: '/privacy', key: 'nav.privacy', role: 'owner' },
];

const OPERATOR_NAV: NavItem[] = [
  { path: '/admin/tenants', key: 'nav.tenants' },
  { path: '/admin/plans', key: 'nav.plans' },
  { path: '/admin/invoices', key: 'nav.adminInvoices' },
  { path: '/admin/plugins', key: 'nav.adminPlugins' },
  { path: '/admin/pool', key: 'nav.pool' },
  { path: '/audit', key: 'nav.audit' },
];

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo(
    () => ({
      lang,
      t: translator(lang),
      setLang: (l: Lang) => {
        rememberLang(l);
        setLangState(l);
      },
    }),
    [lang],
  );
  useEffect(() => rememberLang(lang), []);
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(Boolean(getToken()));
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const [meError, setMeError] = useState<ApiError>();
  const { path } = useLocation();

  const loadMe = () => {
    if (!getToken()) {
      setChecking(false);
      return;
    }
    setChecking(true);
    get<Me>('/api/me').then(
      (m) => {
        setMe(m);
        setMeError(undefined);
        setChecking(false);
      },
      (e) => {
        setMeError(asApiError(e));
        setChecking(false);
      },
    );
  };

  useEffect(() => {
    loadMe();
    return onUnauthorized((why) => {
      setMe(null);
      setEnded(why);
    });
  }, []);

  const signIn = (token: string) => {
    setToken(token);
    setEnded(null);
    loadMe();
  };
  const signOut = () => {
    setToken(null);
    setMe(null);
    navigate('/login');
  };

  let content;
  if (path === '/accept-invite') {
    content = <AcceptInvitePage onSignedIn={(tok) => { signIn(tok); navigate('/', true); }} />;
  } else if (checking) {
    content = <main class="center"><Loading /></main>;
  } else if (!me) {
    content = (
      <main class="center" id="main">
        {meError && getToken() && <ErrorMessage error={meError} onRetry={loadMe} />}
        <AuthPage mode={path === '/signup' ? 'signup' : 'login'} ended={ended} onSignedIn={signIn} />
      </main>
    );
  } else {
    content = <Shell me={me} path={path} signOut={signOut} />;
  }
  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={me ? { me, signOut } : null}>{content}</SessionContext.Provider>
    </I18nContext.Provider>
  );
}

function Shell({ me, path, signOut }: { me: Me; path: string; signOut: () => void }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const operator = isOperator(me);
  useEffect(() => {
    if (path === '/login' || path === '/signup') navigate(operator ? '/admin/tenants' : '/', true);
    setMenuOpen(false);
    document.getElementById('page-title')?.focus({ preventScroll: false });
  }, [path]);
  return (
    <div class="shell">
      <a class="skip" href="#main">
        <SkipText />
      </a>
      <header class="topbar">
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="sidenav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <NavText k="nav.menu" />
        </button>
        <span class="brand">Atrium</span>
        <span class="who" title={me.user.email}>
          {me.tenant?.name ?? <NavText k="role.operator" />} · {me.user.email}
        </span>
        <LanguageSwitch />
        <ThemeSwitch />
        <button type="button" class="secondary" onClick={signOut}>
          <NavText k="nav.signOut" />
        </button>
      </header>
      <Nav
        id="sidenav"
        open={menuOpen}
        items={operator ? OPERATOR_NAV : TENANT_NAV.filter((i) => !i.role || hasRole(me, i.role))}
        path={path}
      />
      <main id="main" class="content">
        {!operator && <BudgetNotice />}
        <Page path={path} operator={operator} />
      </main>
    </div>
  );
}


function SkipText() {
  return <>{useI18n().t('skip')}</>;
}

function NavText({ k }: { k: MessageKey }) {
  return <>{useI18n().t(k)}</>;
}

function Nav({ id, open, items, path }: { id: string; open: boolean; items: NavItem[]; path: string }) {
  const { t } = useI18n();
  return (
    <nav id={id} class={open ? 'sidenav open' : 'sidenav'} aria-label={t('nav.main')}>
      <ul>
        {items.map((item) => {
          const active = item.path === '/' ? path === '/' : path === item.path || path.startsWith(item.path + '/');
          return (
            <li key={item.path}>
              <a href={item.path} onClick={linkClick} aria-current={active ? 'page' : undefined}>
                {t(item.key)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function Page({ path, operator }: { path: string; operator: boolean }) {
  const { t } = useI18n();
  let params: Record<string, string> | null;
  if (operator) {
    if (path === '/' ) {
      navigate('/admin/tenants', true);
      return null;
    }
    if (path === '/admin/tenants') return <TenantsPage />;
    if ((params = match('/admin/tenants/:id', path))) return <TenantAccountPage id={params.id} />;
    if ((params = match('/admin/invoices/:id', path))) return <InvoiceDetailPage id={params.id} print={false} operator />;
    if ((params = match('/admin/invoices/:id/print', path))) return <InvoiceDetailPage id={params.id} print operator />;
    if (path === '/admin/plans') return <AdminPlansPage />;
    if (path === '/admin/plugins') return <AdminPluginsPage />;
    if (path === '/admin/invoices') return <AdminInvoicesPage />;
    if (path === '/admin/pool') return <PoolPage />;
    if (path === '/audit') return <AuditPage operator />;
  } else {
    if (path === '/') return <OverviewPage />;
    if (path === '/keys') return <KeysPage />;
    if (path === '/usage') return <UsagePage />;
    if (path === '/plans') return <PlansPage />;
    if (path === '/requests') return <RequestsPage />;
    if (path === '/invoices') return <InvoicesPage />;
    if ((params = match('/invoices/:id', path))) return <InvoiceDetailPage id={params.id} print={false} />;
    if ((params = match('/invoices/:id/print', path))) return <InvoiceDetailPage id={params.id} print />;
    if (path === '/plugins') return <PluginsPage />;
    if (path === '/playground') return <PlaygroundPage />;
    if (path === '/customer-service') return <CustomerServicePage />;
    if (path === '/content') return <ContentPage />;
    if (path === '/fraud') return <FraudPage />;
    if (path === '/team') return <TeamPage />;
    if (path === '/audit') return <AuditPage operator={false} />;
    if (path === '/privacy') return <PrivacyPage />;
  }
  return (
    <section>
      <h1 id="page-title" tabIndex={-1}>{t('notFound.title')}</h1>
      <p>
        <a href={operator ? '/admin/tenants' : '/'} onClick={linkClick}>
          {t('notFound.home')}
        </a>
      </p>
    </section>
  );
}
