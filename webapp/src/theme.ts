// The colour theme: the system's (prefers-color-scheme, through CSS light-dark()) unless the user
// chose light or dark, which is kept in localStorage and set as data-theme on <html>.

export type Theme = 'system' | 'light' | 'dark';

export const THEME_KEY = 'atrium.theme';

export function initialTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    if (stored === 'light' || stored === 'dark') return stored;
  } catch {
    // storage unavailable: follow the system
  }
  return 'system';
}

export function applyTheme(theme: Theme): void {
  try {
    if (theme === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // storage unavailable: the choice lasts until the page is left
  }
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
