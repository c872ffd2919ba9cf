import { afterEach, describe, expect, it } from 'vitest';
import { THEME_KEY, applyTheme, initialTheme } from './theme';

describe('theme', () => {
  afterEach(() => applyTheme('system'));

  it('follows the system until the user chooses', () => {
    expect(initialTheme()).toBe('system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('keeps a chosen theme and sets it on <html>', () => {
    applyTheme('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(initialTheme()).toBe('dark');
  });

  it('forgets the choice when set back to the system', () => {
    applyTheme('light');
    applyTheme('system');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(initialTheme()).toBe('system');
  });

  it('ignores an unknown stored value', () => {
    localStorage.setItem(THEME_KEY, 'purple');
    expect(initialTheme()).toBe('system');
  });
});
