// format.js — dates, numbers, facet labels and date ranges as the reader sees
// them, in the interface language.

const LOCALES = { en: 'en-GB', fr: 'fr-CA' };

export function formatDate(iso, lang) {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const d = new Date(iso + 'T00:00:00Z');
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang] || 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

export function formatNumber(n, lang) {
  return new Intl.NumberFormat(LOCALES[lang] || 'en-GB').format(n);
}

export function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// Facet value labels: the API's label / label_fr, from the last answer or from
// /api/facets; else the value, made readable ("press-release" -> "press release").
export class Labels {
  constructor() {
    this.map = new Map();
  }
  learn(facets) {
    for (const [facet, values] of Object.entries(facets || {}))
      for (const v of values || []) this.map.set(`${facet}\u0000${v.value}`, { en: v.label || v.value, fr: v.label_fr || v.label || v.value });
  }
  label(facet, value, lang) {
    const known = this.map.get(`${facet}\u0000${value}`);
    if (known) return known[lang] || known.en;
    if (facet === 'type' || facet === 'topic') return value.replace(/-/g, ' ');
    if (facet === 'year' && value === 'undated') return lang === 'fr' ? 'Sans date' : 'Undated';
    return value;
  }
}

// "2018" for a whole year, "2016 – 2019" for whole years, else the dates.
export function formatRange(from, to, lang, t) {
  const wholeFrom = from && from.endsWith('-01-01');
  const wholeTo = to && to.endsWith('-12-31');
  const f = from ? (wholeFrom ? from.slice(0, 4) : formatDate(from, lang)) : '';
  const e = to ? (wholeTo ? to.slice(0, 4) : formatDate(to, lang)) : '';
  if (from && to) return wholeFrom && wholeTo && from.slice(0, 4) === to.slice(0, 4) ? f : t('dateRange', { from: f, to: e });
  if (from) return t('since', { from: f });
  if (to) return t('until', { to: e });
  return '';
}

// "iclmg.ca/stop-deportation-harkat" for display; the link keeps the full URL.
export function displayUrl(url) {
  return String(url || '').replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, '');
}
