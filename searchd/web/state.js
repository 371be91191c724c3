// state.js — the web box's whole state as a plain object, read from and written
// to the page URL (so a result page can be bookmarked, shared, and reached with
// back/forward), and the API URLs it asks for. No DOM here.
//
// Page URL parameters (the API's names, so a page URL and its API URL match):
//   q            the words typed
//   type minister org topic lang year   explicit filters (repeatable; OR within
//                a facet, AND across facets)
//   from to      date range (YYYY, YYYY-MM or YYYY-MM-DD)
//   sort         relevance (omitted) | -date | date
//   page per_page
//   interpret=0  the words are plain text: set when a chip that the server read
//                from the words is removed (see withoutFilter)
//   doc          the document open in the document view
//   hl           the interface language (en | fr), kept once chosen

export const FACETS = ['type', 'minister', 'org', 'topic', 'lang', 'year'];
export const SIDEBAR_FACETS = ['type', 'minister', 'org', 'topic', 'lang'];
const SORTS = ['relevance', '-date', 'date'];

export function emptyState() {
  const s = { q: '', from: '', to: '', sort: 'relevance', page: 1, perPage: 0, interpret: true, doc: '', hl: '' };
  for (const f of FACETS) s[f] = [];
  return s;
}

export function stateFromSearch(search) {
  const p = new URLSearchParams(search);
  const s = emptyState();
  s.q = (p.get('q') || '').slice(0, 1000);
  for (const f of FACETS) s[f] = unique(p.getAll(f).filter(Boolean));
  s.from = p.get('from') || '';
  s.to = p.get('to') || '';
  s.sort = SORTS.includes(p.get('sort')) ? p.get('sort') : 'relevance';
  s.page = positive(p.get('page')) || 1;
  s.perPage = positive(p.get('per_page')) || 0;
  s.interpret = !['0', 'false', 'no'].includes(p.get('interpret'));
  s.doc = /^[0-9a-f]{16}$/.test(p.get('doc') || '') ? p.get('doc') : '';
  s.hl = ['en', 'fr'].includes(p.get('hl')) ? p.get('hl') : '';
  return s;
}

// The search parameters shared by the page URL and every API URL.
function searchParams(s, { paging = true } = {}) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of FACETS) for (const v of s[f]) p.append(f, v);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (paging && s.page > 1) p.set('page', String(s.page));
  if (paging && s.perPage) p.set('per_page', String(s.perPage));
  if (!s.interpret) p.set('interpret', '0');
  return p;
}

export function pageUrl(s) {
  const p = searchParams(s);
  if (s.doc) p.set('doc', s.doc);
  if (s.hl) p.set('hl', s.hl);
  const qs = p.toString();
  return '/' + (qs ? '?' + qs : '');
}

export function searchApiUrl(s) {
  const p = searchParams(s);
  p.set('format', 'json');
  return '/api/search?' + p.toString();
}

// Export and feed URLs: the whole result set, so no paging.
export function exportUrl(s, format) {
  const p = searchParams(s, { paging: false });
  p.set('format', format);
  if (format === 'json') p.set('all', '1');
  return '/api/search?' + p.toString();
}

export function docApiUrl(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  return `/api/doc/${encodeURIComponent(s.doc)}` + (s.q ? '?' + p.toString() : '');
}

export function sameSearch(a, b) {
  return searchParams(a).toString() === searchParams(b).toString();
}

export function copyState(s) {
  const c = { ...s };
  for (const f of FACETS) c[f] = [...s[f]];
  return c;
}

// ---- dates --------------------------------------------------------------

// "2016" -> 2016-01-01 (lower) or 2016-12-31 (upper); as the server reads from=/to=.
export function dateBound(text, upper) {
  if (!text) return '';
  if (/^\d{4}$/.test(text)) return text + (upper ? '-12-31' : '-01-01');
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    if (!upper) return text + '-01';
    const last = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
    return `${text}-${String(last).padStart(2, '0')}`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  return '';
}

// The shortest form of a bound for the URL: whole years as "2016".
export function compactBound(date, upper) {
  if (!date) return '';
  if (!upper && date.endsWith('-01-01')) return date.slice(0, 4);
  if (upper && date.endsWith('-12-31')) return date.slice(0, 4);
  return date;
}

// The date range in force: the explicit from/to narrowed by what was read from
// the words ("in 2018"), as the server merges them.
export function effectiveRange(s, interpreted = {}) {
  let from = dateBound(s.from, false);
  let to = dateBound(s.to, true);
  if (interpreted.from && (!from || interpreted.from > from)) from = interpreted.from;
  if (interpreted.to && (!to || interpreted.to < to)) to = interpreted.to;
  return { from, to };
}

// ---- filters: explicit (in the URL) and interpreted (read from the words) ---

export function interpretedHasAnything(interp) {
  if (!interp) return false;
  const some = (m) => m && Object.values(m).some((v) => v && v.length);
  return some(interp.filters) || some(interp.exclude) || !!interp.from || !!interp.to;
}

// Every filter in force, for the chips: [{kind, facet, value, interpreted}].
export function activeFilters(s, interp = {}) {
  const out = [];
  const filters = interp.filters || {};
  for (const f of FACETS) {
    const values = unique([...s[f], ...(filters[f] || [])]);
    for (const v of values)
      out.push({ kind: 'facet', facet: f, value: v, interpreted: (filters[f] || []).includes(v) && !s[f].includes(v) });
  }
  const r = effectiveRange(s, interp);
  if (r.from || r.to) {
    const interpreted = (!!interp.from && r.from === interp.from) || (!!interp.to && r.to === interp.to);
    out.push({ kind: 'date', facet: 'date', from: r.from, to: r.to, interpreted });
  }
  for (const [f, values] of Object.entries(interp.exclude || {}))
    for (const v of values) out.push({ kind: 'exclude', facet: f, value: v, interpreted: true });
  return out;
}

// Field syntax for an exclusion the words held ("-type:event"), so that it
// survives when the words are made plain text.
function exclusionSyntax(facet, value) {
  return /[\s"]/.test(value) ? `-${facet}:"${value.replace(/"/g, '')}"` : `-${facet}:${value}`;
}

// Writes every interpreted filter into explicit parameters, the leftover words
// into q and turns interpretation off: the same search, with the whole state in
// the URL. `drop` (a filter as activeFilters lists it) is left out.
export function materialize(s, interp, drop = null) {
  const n = copyState(s);
  const filters = interp.filters || {};
  const isDropped = (kind, facet, value) =>
    drop && drop.kind === kind && drop.facet === facet && (kind === 'date' || drop.value === value);
  for (const f of FACETS)
    n[f] = unique([...s[f], ...(filters[f] || [])]).filter((v) => !isDropped('facet', f, v));
  const words = [interp.text || ''];
  for (const [f, values] of Object.entries(interp.exclude || {}))
    for (const v of values) if (!isDropped('exclude', f, v)) words.push(exclusionSyntax(f, v));
  n.q = words.filter(Boolean).join(' ').trim();
  n.interpret = false;
  if (isDropped('date', 'date')) {
    n.from = n.to = '';
  } else {
    const r = effectiveRange(s, interp);
    n.from = compactBound(r.from, false);
    n.to = compactBound(r.to, true);
  }
  n.page = 1;
  return n;
}

// The state without one filter (a chip's ✕, or a checkbox unticked). A filter
// the server read from the words cannot be dropped by editing the URL alone: the
// words would be read again. Then the search is materialized first.
export function withoutFilter(s, interp, filter) {
  interp = interp || {};
  const fromWords =
    (filter.kind === 'facet' && ((interp.filters || {})[filter.facet] || []).includes(filter.value)) ||
    (filter.kind === 'date' && (interp.from || interp.to)) ||
    filter.kind === 'exclude';
  if (fromWords) return materialize(s, interp, filter);
  const n = copyState(s);
  if (filter.kind === 'facet') n[filter.facet] = n[filter.facet].filter((v) => v !== filter.value);
  if (filter.kind === 'date') n.from = n.to = '';
  n.page = 1;
  return n;
}

export function withFilter(s, facet, value) {
  const n = copyState(s);
  if (!n[facet].includes(value)) n[facet].push(value);
  if (facet === 'year' && value === 'undated') n.from = n.to = '';
  n.page = 1;
  return n;
}

// A date range from the histogram ("2016", "2019"); '' clears it. Dates read
// from the words are replaced, not narrowed.
export function withRange(s, interp, from, to) {
  interp = interp || {};
  let n = interp.from || interp.to ? materialize(s, interp, { kind: 'date', facet: 'date' }) : copyState(s);
  n.from = from || '';
  n.to = to || '';
  if (from || to) n.year = n.year.filter((v) => v !== 'undated');
  n.page = 1;
  return n;
}

export function cleared(s) {
  const n = emptyState();
  n.sort = s.sort;
  n.perPage = s.perPage;
  n.hl = s.hl;
  return n;
}

function unique(a) {
  return [...new Set(a)];
}

function positive(v) {
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 && String(n) === String(v).trim() ? n : 0;
}
