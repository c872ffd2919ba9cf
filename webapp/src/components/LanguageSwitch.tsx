import { useI18n, type Lang } from '../i18n';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label class="lang">
      <span class="sr-only">{t('lang.label')}</span>
      <select
        value={lang}
        aria-label={t('lang.label')}
        onChange={(e) => setLang(e.currentTarget.value as Lang)}
        data-testid="language"
      >
        <option value="en">English</option>
        <option value="zh">简体中文</option>
      </select>
    </label>
  );
}
