import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { applyTheme, initialTheme, type Theme } from '../theme';

export function ThemeSwitch() {
  const { t } = useI18n();
  const [theme, setTheme] = useState<Theme>(initialTheme);
  return (
    <label class="lang">
      <span class="sr-only">{t('theme.label')}</span>
      <select
        value={theme}
        aria-label={t('theme.label')}
        onChange={(e) => {
          const chosen = e.currentTarget.value as Theme;
          applyTheme(chosen);
          setTheme(chosen);
        }}
        data-testid="theme"
      >
        <option value="system">{t('theme.system')}</option>
        <option value="light">{t('theme.light')}</option>
        <option value="dark">{t('theme.dark')}</option>
      </select>
    </label>
  );
}
