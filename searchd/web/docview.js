// docview.js — one document: the clean text with the query's words in <mark>,
// every field, every URL the post was seen at, and a citation to copy.

import { h, trustedServerHtml, safeHref } from './dom.js';
import { formatDate, todayIso, displayUrl } from './format.js';

// ctx: {t, lang, labels, backHref, onBack(event), onFilter(facet, value)}
export function renderDocument(container, doc, ctx) {
  const { t, lang } = ctx;
  const title = doc.title || doc.url || doc.id;
  const typeLabel = ctx.labels.label('type', doc.type, lang);

  const back = h('a', { class: 'back-link', href: ctx.backHref, dataset: { focusKey: 'back' }, onclick: ctx.onBack },
    h('span', { 'aria-hidden': 'true' }, '← '), t('backToResults'));

  const header = h('header', { class: 'doc-header' },
    h('p', { class: 'doc-kicker' },
      h('span', { class: `badge type-${cssToken(doc.type)}` }, typeLabel),
      doc.date ? h('time', { datetime: doc.date }, formatDate(doc.date, lang)) : h('span', { class: 'muted' }, t('noDate')),
      doc.lang ? h('span', { class: 'lang-tag', title: ctx.labels.label('lang', doc.lang, lang) }, doc.lang.toUpperCase()) : null),
    h('h2', { id: 'doc-title', class: 'doc-title', tabindex: '-1' }, title),
    doc.orgs && doc.orgs.length ? h('p', { class: 'doc-byline' }, doc.orgs.join(' · ')) : null);

  const paragraphs = String(doc.body_html || '').split(/\n[ \t]*\n+/).filter((p) => p.trim());
  const hasMarks = /<mark>/.test(doc.body_html || '');
  const text = h('section', { class: 'doc-text', 'aria-labelledby': 'doc-text-title' },
    h('h3', { id: 'doc-text-title', class: 'visually-hidden' }, t('fullText')),
    hasMarks ? h('p', { class: 'help highlight-note' }, h('mark', {}, 'abc'), ' ', t('highlighted')) : null,
    paragraphs.map((p) => h('p', {}, trustedServerHtml(p))));

  const side = h('aside', { class: 'doc-side' }, citeBlock(doc, title, ctx), fieldsBlock(doc, ctx));
  container.replaceChildren(back, header, h('div', { class: 'doc-grid' }, text, side));
}

function citeBlock(doc, title, ctx) {
  const { t, lang } = ctx;
  const url = (doc.urls && doc.urls[0]) || doc.url || '';
  const q = lang === 'fr' ? ['« ', ' »'] : ['“', '”'];
  const parts = [];
  if (doc.orgs && doc.orgs.length) parts.push(doc.orgs.join(', ') + '.');
  parts.push(`${q[0]}${title.replace(/[.\s]+$/, '')}.${q[1]}`);
  parts.push((doc.date ? formatDate(doc.date, lang) : t('noDate')) + '.');
  if (url) parts.push(`${t('archivedFrom')} ${url}.`);
  parts.push(`${t('accessed')} ${formatDate(todayIso(), lang)}.`);
  const citation = parts.join(' ');

  const status = h('p', { class: 'copy-status', role: 'status' });
  const textEl = h('p', { class: 'cite-text', id: 'cite-text' }, citation);
  const button = h('button', { type: 'button', class: 'button', dataset: { focusKey: 'copy' } }, copyIcon(), t('copy'));
  button.addEventListener('click', async () => {
    const ok = await copyText(citation, textEl);
    status.textContent = ok ? t('copied') : t('copyFailed');
    button.classList.toggle('done', ok);
  });
  return h('section', { class: 'cite', 'aria-labelledby': 'cite-title' },
    h('h3', { id: 'cite-title' }, t('cite')), textEl, h('div', { class: 'cite-actions' }, button, status));
}

function fieldsBlock(doc, ctx) {
  const { t, lang } = ctx;
  const row = (label, value) => [h('dt', {}, label), h('dd', {}, value)];
  const tags = (facet, values) =>
    values && values.length
      ? h('ul', { class: 'labels' }, values.map((v) =>
          h('li', {}, h('button', { type: 'button', class: `label ${facet}`, onclick: () => ctx.onFilter(facet, v),
                                    title: `${t('facet_' + facet)}: ${ctx.labels.label(facet, v, lang)}` },
            ctx.labels.label(facet, v, lang)))))
      : h('span', { class: 'muted' }, t('none'));
  const seen = (doc.seen && doc.seen.length ? doc.seen : (doc.urls || []).map((u) => ({ url: u })));
  const seenByUrl = new Map();
  for (const s of seen) if (!seenByUrl.has(s.url)) seenByUrl.set(s.url, s);
  const urlList = h('ul', { class: 'url-list' }, [...seenByUrl.values()].map((s) => {
    const href = safeHref(s.url);
    const notes = [];
    if (s.captured) notes.push(t('captured', { date: /^\d{4}-\d{2}-\d{2}/.test(s.captured) ? formatDate(s.captured.slice(0, 10), lang) : s.captured }));
    if (s.listing) notes.push(t('listingPage'));
    return h('li', {},
      href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, displayUrl(s.url)) : h('span', {}, s.url),
      notes.length ? h('span', { class: 'muted' }, ` (${notes.join(', ')})`) : null);
  }));
  const mainHref = safeHref(doc.url);
  return h('section', { class: 'fields', 'aria-label': t('id') },
    h('dl', { class: 'doc-fields' },
      row(t('date'), doc.date ? h('time', { datetime: doc.date }, formatDate(doc.date, lang)) : t('noDate')),
      row(t('type'), ctx.labels.label('type', doc.type, lang)),
      row(t('docLang'), ctx.labels.label('lang', doc.lang || '', lang) || t('none')),
      row(t('ministers'), tags('minister', doc.ministers)),
      row(t('orgs'), tags('org', doc.orgs)),
      row(t('topics'), tags('topic', doc.topics)),
      row(t('archivedUrl'), mainHref ? h('a', { href: mainHref, rel: 'noopener noreferrer', target: '_blank', class: 'break' }, doc.url) : (doc.url || t('none'))),
      row(t('allUrls'), urlList),
      row(t('id'), h('code', {}, doc.id))));
}

async function copyText(text, fallbackEl) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* fall through to the old way */ }
  const area = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true' });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  area.remove();
  if (!ok) {
    const range = document.createRange();
    range.selectNodeContents(fallbackEl);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  return ok;
}

function copyIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  const a = document.createElementNS(ns, 'rect');
  for (const [k, v] of Object.entries({ x: 8, y: 8, width: 12, height: 12, rx: 2, fill: 'none', stroke: 'currentColor', 'stroke-width': 2 })) a.setAttribute(k, v);
  const b = document.createElementNS(ns, 'path');
  for (const [k, v] of Object.entries({ d: 'M16 8V5a1 1 0 0 0-1-1H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3', fill: 'none', stroke: 'currentColor', 'stroke-width': 2 })) b.setAttribute(k, v);
  svg.append(a, b);
  return svg;
}

export function cssToken(s) {
  return String(s || 'other').toLowerCase().replace(/[^a-z0-9-]/g, '');
}
