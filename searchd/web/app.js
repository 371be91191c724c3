// app.js — the web box's controller: reads the state from the URL, asks
// dossier-searchd for results or a document, renders them, and turns every
// choice (words, chips, facets, years, sort, pages, documents) into a new URL
// pushed on the history, so back/forward and bookmarks work.

import { h, trustedServerHtml, safeHref } from './dom.js';
import { translator, pickLanguage, rememberLanguage } from './i18n.js';
import { Labels, formatDate, formatNumber, formatRange, displayUrl } from './format.js';
import {
  stateFromSearch, pageUrl, searchApiUrl, exportUrl, docApiUrl, copyState, cleared,
  activeFilters, effectiveRange, withFilter, withoutFilter, withRange, interpretedHasAnything,
} from './state.js';
import { renderSidebar } from './facets.js';
import { renderDocument, cssToken } from './docview.js';

const $ = (id) => document.getElementById(id);
const els = {};
const labels = new Labels();
const ui = { expanded: {}, filterText: {}, sidebarOpen: false };
let state = stateFromSearch(location.search);
let lang = pickLanguage(state.hl);
let t = translator(lang);
let lastSearch = null;        // {url, data}: the answer shown in the results view
let lastDoc = null;           // the document shown in the document view
let inflight = null;          // AbortController of the request in progress
let pendingFocus = null;      // a data-focus-key to focus after the next render
let yearSpan = null;          // [first, last] year of the whole archive (from /api/facets)
const cache = new Map();      // API URL -> answer, reused only for back/forward

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function getJson(url, signal, { fromCache = false } = {}) {
  if (fromCache && cache.has(url)) return cache.get(url);
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, t('networkError'));
  }
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, body?.error?.message || `${res.status} ${res.statusText}`);
  cache.set(url, body);
  if (cache.size > 40) cache.delete(cache.keys().next().value);
  return body;
}

// ---- navigation --------------------------------------------------------------

// scrollTop: for a new page of results, a new query or a document; filters and
// sorting keep the reader where they are.
function navigate(next, { replace = false, focus = null, scrollTop = false } = {}) {
  next.hl = state.hl;
  // Remember where the reader was on the page being left.
  history.replaceState({ ...(history.state || {}), scrollY: window.scrollY }, '', location.href);
  const url = pageUrl(next);
  const fromResults = !state.doc && !!next.doc;
  if (replace) history.replaceState({ fromResults }, '', url);
  else history.pushState({ fromResults }, '', url);
  state = next;
  pendingFocus = focus;
  load({ scrollTo: scrollTop || next.doc ? 0 : null });
}

window.addEventListener('popstate', () => {
  const leaving = state;
  state = stateFromSearch(location.search);
  // Back from a document: focus the link that opened it.
  if (leaving.doc && !state.doc) pendingFocus = `result:${leaving.doc}`;
  if (state.hl && state.hl !== lang) setLanguage(state.hl, { keepUrl: true, rerender: false });
  // Back and forward show the answers seen before, as they were.
  load({ scrollTo: history.state?.scrollY ?? 0, fromCache: true });
});

async function load({ scrollTo = null, fromCache = false } = {}) {
  els.q.value = state.q;
  if (state.doc) await showDocument(scrollTo, fromCache);
  else await showResults(scrollTo, fromCache);
}

// ---- results -----------------------------------------------------------------

async function showResults(scrollTo, fromCache) {
  els.docView.hidden = true;
  els.resultsView.hidden = false;
  const url = searchApiUrl(state);
  inflight?.abort();
  const ctl = (inflight = new AbortController());
  els.resultsSection.setAttribute('aria-busy', 'true');
  els.resultsView.classList.add('loading');
  try {
    const data = await getJson(url, ctl.signal, { fromCache });
    if (ctl.signal.aborted) return;
    lastSearch = { url, data };
    labels.learn(data.facets);
    renderResults(data);
    showMessages(data, null);
  } catch (e) {
    if (e.name === 'AbortError') return;
    lastSearch = null;
    renderResults(null);
    showMessages(null, e);
  } finally {
    if (inflight === ctl) {
      inflight = null;
      els.resultsSection.removeAttribute('aria-busy');
      els.resultsView.classList.remove('loading');
    }
  }
  document.title = (state.q ? `${state.q} — ` : '') + 'Dossier';
  afterRender(scrollTo);
}

function renderResults(data) {
  const interp = data?.interpreted || {};
  renderChips(interp);
  const blocks = renderSidebar(els.facets, data?.facets || {}, {
    t, lang, labels, ui, span: yearSpan,
    range: effectiveRange(state, interp),
    yearValues: [...state.year, ...((interp.filters || {}).year || [])],
    onToggle: (facet, value, checked) => {
      // "Undated" replaces any date range, including one read from the words.
      const base = checked && facet === 'year' && value === 'undated' ? withRange(state, interp, '', '') : state;
      const next = checked ? withFilter(base, facet, value) : withoutFilter(state, interp, { kind: 'facet', facet, value });
      navigate(next, { focus: `facet:${facet}:${value}` });
    },
    onRange: (from, to, year) => navigate(withRange(state, interp, from, to), { focus: year ? `year:${year}` : 'q' }),
  });
  els.resultsView.classList.toggle('no-sidebar', blocks === 0);
  els.filtersToggle.hidden = blocks === 0;
  els.toolbar.hidden = !data;
  els.exportBox.hidden = !data || data.total === 0;
  els.sort.value = state.sort;
  renderTotal(data);
  renderList(data);
  renderPagination(data);
  renderExports();
  const n = activeFilters(state, interp).length;
  els.filtersToggleText.textContent = n ? t('filtersCount', { n }) : t('filters');
}

function renderChips(interp) {
  const filters = activeFilters(state, interp);
  const items = filters.map((f, i) => {
    const name = t(`facet_${f.facet}`);
    const value = f.kind === 'date' ? formatRange(f.from, f.to, lang, t) : labels.label(f.facet, f.value, lang);
    const shown = f.kind === 'exclude' ? t('not', { name }) : name;
    const key = `chip:${f.kind}:${f.facet}:${f.value ?? ''}`;
    const next = filters[i + 1] || filters[i - 1];
    return h('li', {},
      h('button', {
        type: 'button', class: 'chip' + (f.interpreted ? ' interpreted' : '') + (f.kind === 'exclude' ? ' exclude' : ''),
        'aria-label': t('removeFilter', { name: `${shown}: ${value}` }),
        title: f.interpreted ? t('fromQuery') : null,
        dataset: { focusKey: key, facet: f.facet, value: f.value ?? '' },
        onclick: () => navigate(withoutFilter(state, interp, f), {
          focus: next ? `chip:${next.kind}:${next.facet}:${next.value ?? ''}` : 'q',
        }),
      },
      h('span', { class: 'chip-facet' }, colon(shown)), ' ',
      h('span', { class: 'chip-value' }, value),
      h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×')));
  });
  const words = interpretedHasAnything(interp) && interp.text ? interp.text : '';
  if (words) items.push(h('li', { class: 'chip-words' }, h('span', { class: 'chip-facet' }, colon(t('freeText'))), ' ', h('q', {}, words)));
  const ignored = interpretedHasAnything(interp) ? interp.ignored || [] : [];
  if (ignored.length) items.push(h('li', { class: 'chip-words ignored' }, colon(t('ignored')), ' ', ignored.join(', ')));
  if (filters.length > 1 || (filters.length && state.q))
    items.push(h('li', {}, h('button', {
      type: 'button', class: 'link-button clear-all', dataset: { focusKey: 'clear-all' },
      onclick: () => navigate(cleared(state), { focus: 'q' }),
    }, t('clearAll'))));
  els.chips.replaceChildren(...items);
  els.understood.hidden = items.length === 0;
  els.understoodLabel.textContent = filters.some((f) => f.interpreted) ? t('understood') : t('filtersApplied');
}

// "Type:" in English, "Type :" in French.
function colon(word) {
  return lang === 'fr' ? `${word}\u00a0:` : `${word}:`;
}

function showMessages(data, error) {
  const out = [];
  if (error) {
    out.push(h('div', { class: 'message error', role: 'alert' },
      error.status ? t('error', { msg: error.message }) : error.message, ' ',
      h('a', { href: '/', onclick: (e) => { e.preventDefault(); navigate(cleared(state), { focus: 'q' }); } }, t('startOver'))));
  }
  if (data?.fallback) {
    const notice = lang === 'fr'
      ? `Rien ne correspond à la requête telle que comprise ; voici les résultats en texte intégral pour « ${data.interpreted?.text || state.q} ».`
      : data.notice || '';
    out.push(h('div', { class: 'message notice', role: 'status' }, notice));
  }
  if (data?.suggestion) {
    const next = copyState(state);
    next.q = data.suggestion;
    next.interpret = true;
    next.page = 1;
    out.push(h('div', { class: 'message suggestion' }, `${t('didYouMean')} `,
      h('a', { href: pageUrl(next), onclick: (e) => { e.preventDefault(); navigate(next, { focus: 'q' }); } },
        h('strong', {}, data.suggestion)), ' ?'.slice(lang === 'fr' ? 0 : 1)));
  }
  els.messages.replaceChildren(...out);
}

function renderTotal(data) {
  if (!data) {
    els.total.textContent = '';
    return;
  }
  const n = data.total;
  const count = n === 0 ? t('total0') : n === 1 ? t('total1') : t('totalN', { n: formatNumber(n, lang) });
  const parts = [h('strong', {}, count)];
  if (n > data.results.length && data.results.length) {
    const a = (data.page - 1) * data.per_page + 1;
    parts.push(h('span', { class: 'muted' }, ' · ', t('range', { a: formatNumber(a, lang), b: formatNumber(a + data.results.length - 1, lang), n: formatNumber(n, lang) })));
  }
  if (!state.q && !activeFilters(state, data.interpreted).length) parts.push(h('span', { class: 'muted' }, ' · ', t('allDocuments')));
  els.total.replaceChildren(...parts);
}

function renderList(data) {
  const results = data?.results || [];
  els.list.start = data ? (data.page - 1) * data.per_page + 1 : 1;
  if (data && results.length === 0) {
    els.list.replaceChildren(h('li', { class: 'no-results' }, h('p', {}, t('noResultsHelp'))));
    return;
  }
  els.list.replaceChildren(...results.map(resultItem));
}

function resultItem(r) {
  const next = copyState(state);
  next.doc = r.id;
  const href = pageUrl({ ...next, hl: state.hl });
  const titleId = `r-${r.id}`;
  const link = h('a', {
    href, class: 'result-link', dataset: { focusKey: `result:${r.id}`, doc: r.id },
    onclick: (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;  // new tab: let the browser do it
      e.preventDefault();
      navigate(next);
    },
  }, r.title || displayUrl(r.url) || r.id);
  const labelsList = [];
  for (const m of r.ministers || []) labelsList.push(tagButton('minister', m));
  for (const o of r.orgs || []) labelsList.push(tagButton('org', o));
  const urlHref = safeHref(r.url);
  return h('li', { class: 'result' },
    h('article', { 'aria-labelledby': titleId },
      h('h3', { class: 'result-title', id: titleId }, link),
      h('p', { class: 'result-meta' },
        h('span', { class: `badge type-${cssToken(r.type)}` }, labels.label('type', r.type, lang)),
        r.date ? h('time', { datetime: r.date }, formatDate(r.date, lang)) : h('span', { class: 'muted' }, t('noDate')),
        r.lang && r.lang !== lang ? h('span', { class: 'lang-tag', title: labels.label('lang', r.lang, lang) }, r.lang.toUpperCase()) : null),
      r.snippet ? h('p', { class: 'snippet' }, trustedServerHtml(r.snippet)) : null,
      labelsList.length ? h('ul', { class: 'labels', 'aria-label': `${t('ministers')}, ${t('orgs')}` }, labelsList) : null,
      r.url ? h('p', { class: 'result-url' },
        urlHref ? h('a', { href: urlHref, rel: 'noopener noreferrer', target: '_blank', title: t('openOriginal') }, displayUrl(r.url)) : displayUrl(r.url)) : null));
}

// A minister or organisation label; clicking it filters on it.
function tagButton(facet, value) {
  const active = state[facet].includes(value);
  return h('li', {}, h('button', {
    type: 'button', class: `label ${facet}` + (active ? ' active' : ''), 'aria-pressed': String(active),
    title: `${t('facet_' + facet)}: ${value}`,
    onclick: () => navigate(active ? withoutFilter(state, lastSearch?.data?.interpreted, { kind: 'facet', facet, value }) : withFilter(state, facet, value)),
  }, value));
}

function renderPagination(data) {
  if (!data || data.total <= data.per_page) {
    els.pagination.replaceChildren();
    return;
  }
  const last = Math.ceil(data.total / data.per_page);
  const page = data.page;
  const link = (p, text, opts = {}) => {
    const next = copyState(state);
    next.page = p;
    return h('a', {
      href: pageUrl(next), class: 'page' + (opts.cls ? ' ' + opts.cls : ''), 'aria-current': p === page && !opts.cls ? 'page' : null,
      'aria-label': opts.label || t('pageN', { n: p }), dataset: { focusKey: `page:${opts.cls || p}` },
      onclick: (e) => { e.preventDefault(); navigate(next, { focus: 'results-top', scrollTop: true }); },
    }, text);
  };
  const items = [];
  items.push(page > 1 ? link(page - 1, `‹ ${t('previous')}`, { cls: 'prev', label: t('previous') }) : h('span', { class: 'page prev disabled', 'aria-hidden': 'true' }, `‹ ${t('previous')}`));
  const shown = new Set([1, last, page - 1, page, page + 1].filter((p) => p >= 1 && p <= last));
  let prev = 0;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - prev > 1) items.push(h('span', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    items.push(link(p, formatNumber(p, lang)));
    prev = p;
  }
  items.push(page < last ? link(page + 1, `${t('next')} ›`, { cls: 'next', label: t('next') }) : h('span', { class: 'page next disabled', 'aria-hidden': 'true' }, `${t('next')} ›`));
  els.pagination.replaceChildren(...items);
}

function renderExports() {
  els.exportCsv.href = exportUrl(state, 'csv');
  els.exportJson.href = exportUrl(state, 'json');
  els.exportAtom.href = exportUrl(state, 'atom');
  els.feedLink.href = exportUrl(state, 'atom');
}

// ---- the document view -------------------------------------------------------

async function showDocument(scrollTo, fromCache) {
  els.resultsView.hidden = true;
  els.understood.hidden = true;
  els.messages.replaceChildren();
  els.docView.hidden = false;
  els.docView.setAttribute('aria-busy', 'true');
  inflight?.abort();
  const ctl = (inflight = new AbortController());
  try {
    const doc = await getJson(docApiUrl(state), ctl.signal, { fromCache });
    if (ctl.signal.aborted) return;
    lastDoc = doc;
    drawDocument();
    document.title = `${doc.title || doc.id} — Dossier`;
    if (!pendingFocus) pendingFocus = 'doc-title';
  } catch (e) {
    if (e.name === 'AbortError') return;
    lastDoc = null;
    els.docView.replaceChildren(backLink(),
      h('div', { class: 'message error', role: 'alert' }, e.status === 404 ? t('notFound') : e.message));
  } finally {
    if (inflight === ctl) inflight = null;
    els.docView.removeAttribute('aria-busy');
  }
  afterRender(scrollTo);
}

function resultsState() {
  const s = copyState(state);
  s.doc = '';
  return s;
}

function goBack(e) {
  if (e && (e.ctrlKey || e.metaKey || e.shiftKey)) return;
  e?.preventDefault();
  // Opened from the results: going back restores them (and the scroll position).
  if (history.state?.fromResults) history.back();
  else navigate(resultsState(), { focus: 'q' });
}

function backLink() {
  return h('a', { class: 'back-link', href: pageUrl(resultsState()), onclick: goBack }, '← ', t('backToResults'));
}

function drawDocument() {
  renderDocument(els.docView, lastDoc, {
    t, lang, labels, backHref: pageUrl(resultsState()), onBack: goBack,
    onFilter: (facet, value) => navigate(withFilter(resultsState(), facet, value)),
  });
}

// ---- focus, scroll, language ------------------------------------------------

function afterRender(scrollTo) {
  const key = pendingFocus;
  pendingFocus = null;
  if (key === 'q') els.q.focus({ preventScroll: true });
  else if (key === 'doc-title') document.getElementById('doc-title')?.focus({ preventScroll: true });
  else if (key) {
    const el = [...document.querySelectorAll('[data-focus-key]')].find((e) => e.dataset.focusKey === key && !e.closest('[hidden]'));
    el?.focus({ preventScroll: true });
  }
  if (scrollTo !== null && scrollTo !== undefined) window.scrollTo(0, scrollTo);
}

function setLanguage(next, { keepUrl = false, rerender = true } = {}) {
  lang = next;
  t = translator(lang);
  rememberLanguage(lang);
  document.documentElement.lang = lang;
  for (const b of document.querySelectorAll('[data-ui-lang]')) b.setAttribute('aria-pressed', String(b.dataset.uiLang === lang));
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  els.q.placeholder = t('placeholder');
  if (!keepUrl) {
    state.hl = lang;
    history.replaceState(history.state, '', pageUrl(state));
  }
  if (rerender) redraw();
}

// Draws the current answer again (new labels or language), keeping the focus.
function redraw() {
  const a = document.activeElement;
  const key = a?.dataset?.focusKey || (a?.id ? '#' + a.id : null);
  if (state.doc && lastDoc) drawDocument();
  else if (!state.doc && lastSearch) {
    renderResults(lastSearch.data);
    showMessages(lastSearch.data, null);
  }
  if (key && (!document.activeElement || document.activeElement === document.body)) {
    const el = key.startsWith('#') ? document.getElementById(key.slice(1))
      : [...document.querySelectorAll('[data-focus-key]')].find((e) => e.dataset.focusKey === key);
    el?.focus({ preventScroll: true });
  }
}

// ---- wiring ------------------------------------------------------------------

function init() {
  Object.assign(els, {
    form: $('search-form'), q: $('q'), chips: $('chips'), understood: $('understood'),
    understoodLabel: $('understood-label'), messages: $('messages'), facets: $('facets'),
    sidebar: $('sidebar'), filtersToggle: $('filters-toggle'), filtersToggleText: $('filters-toggle-text'),
    resultsView: $('results-view'), resultsSection: $('results-section'), total: $('total'), sort: $('sort'),
    list: $('result-list'), pagination: $('pagination'), docView: $('document-view'),
    toolbar: $('toolbar'), exportBox: $('export'),
    exportCsv: $('export-csv'), exportJson: $('export-json'), exportAtom: $('export-atom'), feedLink: $('feed-link'),
  });
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  setLanguage(lang, { keepUrl: true, rerender: false });

  els.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = copyState(state);
    next.q = els.q.value.trim();
    next.interpret = true;
    next.page = 1;
    next.doc = '';
    navigate(next, { scrollTop: true });
  });
  els.sort.addEventListener('change', () => {
    const next = copyState(state);
    next.sort = els.sort.value;
    next.page = 1;
    navigate(next, { focus: 'sort' });
  });
  els.sort.dataset.focusKey = 'sort';
  for (const b of document.querySelectorAll('[data-ui-lang]'))
    b.addEventListener('click', () => setLanguage(b.dataset.uiLang));
  els.filtersToggle.addEventListener('click', () => {
    ui.sidebarOpen = !ui.sidebarOpen;
    els.filtersToggle.setAttribute('aria-expanded', String(ui.sidebarOpen));
    els.sidebar.classList.toggle('open', ui.sidebarOpen);
  });
  $('brand-link').addEventListener('click', (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    navigate(cleared(state), { focus: 'q' });
  });
  // "/" focuses the search box from anywhere but a text field.
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    const a = document.activeElement;
    if (a && (a.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName))) return;
    e.preventDefault();
    els.q.focus();
    els.q.select();
  });
  history.replaceState({ ...(history.state || {}) }, '', location.href);
  load({ scrollTo: history.state?.scrollY ?? null });
  loadArchiveFacets();
}

// Labels of every facet value and the archive's span of years, once; the
// histogram is drawn again with the whole span when they arrive.
async function loadArchiveFacets() {
  try {
    const data = await getJson('/api/facets', undefined, { fromCache: true });
    labels.learn(data.facets);
    const years = (data.facets?.year || []).map((v) => v.value).filter((v) => /^\d{4}$/.test(v)).map(Number);
    if (years.length) yearSpan = [Math.min(...years), Math.max(...years)];
    if (inflight) return;  // the answer on its way is drawn with them
    redraw();
  } catch { /* the histogram spans the results' years instead */ }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
