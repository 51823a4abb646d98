import {
  type Theme,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';

export type ThemeName = 'light' | 'dark' | 'contrast';

/** Teams reports 'default' | 'dark' | 'contrast'; anything unknown is light. */
export function fromTeamsTheme(t: string | undefined): ThemeName {
  return t === 'dark' ? 'dark' : t === 'contrast' ? 'contrast' : 'light';
}

/** Office reports the body background colour; a dark one means a dark theme. */
export function fromOfficeBackground(hex: string | undefined): ThemeName {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? '');
  if (!m) return 'light';
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => Number.parseInt(x!, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? 'dark' : 'light';
}

/** A plain browser: forced colours win, then the OS colour scheme. */
export function fromMediaQueries(match: (q: string) => boolean): ThemeName {
  if (match('(forced-colors: active)')) return 'contrast';
  return match('(prefers-color-scheme: dark)') ? 'dark' : 'light';
}

export function fluentTheme(name: ThemeName, host: 'teams' | 'outlook' | 'standalone'): Theme {
  if (name === 'contrast') return teamsHighContrastTheme;
  if (host === 'teams') return name === 'dark' ? teamsDarkTheme : teamsLightTheme;
  return name === 'dark' ? webDarkTheme : webLightTheme;
}
