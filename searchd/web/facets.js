// facets.js — the sidebar: one checkbox list per facet (counts, multi-select,
// "show more", a filter box for long lists) and the year histogram (click a
// bar for a year, drag or Shift+click for a range, an "undated" choice).
// It only builds elements and reports choices through ctx.onToggle/onRange.

import { h } from './dom.js';
import { formatNumber } from './format.js';
import { SIDEBAR_FACETS } from './state.js';

const VISIBLE = 6;        // values shown before "show more"
const FILTER_FROM = 9;    // lists at least this long get a filter box

// ctx: {t, lang, labels, ui: {expanded, filterText}, range: {from, to}, span: [first, last] year of the archive,
//       yearValues: [explicit year=], onToggle(facet, value, checked), onRange(from, to, focusYear)}
// Returns the number of blocks shown (facets with nothing to choose are left out).
export function renderSidebar(container, facets, ctx) {
  const blocks = [];
  for (const f of SIDEBAR_FACETS) if ((facets[f] || []).length) blocks.push(facetBlock(f, facets[f], ctx));
  const years = (facets.year || []).length || ctx.range.from || ctx.range.to ? yearBlock(facets.year || [], ctx) : null;
  if (years) blocks.splice(Math.min(1, blocks.length), 0, years);
  container.replaceChildren(...blocks);
  return blocks.length;
}

function facetBlock(facet, values, ctx) {
  const { t, lang } = ctx;
  const titleId = `facet-${facet}-title`;
  const name = t(`facet_${facet}`);
  const list = h('ul', { class: 'facet-values', 'aria-labelledby': titleId });
  const expanded = !!ctx.ui.expanded[facet];
  const filterText = ctx.ui.filterText[facet] || '';
  values.forEach((v, i) => {
    const label = ctx.labels.label(facet, v.value, lang);
    const id = `f-${facet}-${i}`;
    const box = h('input', {
      type: 'checkbox', id, checked: !!v.selected,
      dataset: { facet, value: v.value, focusKey: `facet:${facet}:${v.value}` },
      onchange: (e) => ctx.onToggle(facet, v.value, e.target.checked),
    });
    const li = h('li', { class: 'facet-value' + (v.selected ? ' selected' : '') + (v.count === 0 ? ' empty' : ''),
                         dataset: { rank: i, search: fold(label + ' ' + v.value) } },
      box,
      h('label', { for: id },
        h('span', { class: 'facet-label' }, label),
        h('span', { class: 'count', 'aria-label': t('documentsCount', { n: v.count }) }, formatNumber(v.count, lang))));
    list.append(li);
  });

  const section = h('fieldset', { class: 'facet', dataset: { facet } },
    h('legend', { id: titleId, class: 'facet-title' }, name));
  if (values.length >= FILTER_FROM) {
    const input = h('input', {
      type: 'search', class: 'facet-filter', placeholder: t('filterPlaceholder'),
      'aria-label': t('filterValues', { facet: name }), value: filterText,
      dataset: { focusKey: `filter:${facet}` },
      oninput: (e) => { ctx.ui.filterText[facet] = e.target.value; applyVisibility(section, facet, ctx); },
    });
    section.append(input);
  }
  section.append(list);
  section.append(h('p', { class: 'facet-nomatch', hidden: true }, t('noMatchingValues')));
  if (values.length > VISIBLE) {
    const more = h('button', {
      type: 'button', class: 'link-button show-more', 'aria-expanded': String(expanded),
      dataset: { focusKey: `more:${facet}` },
      onclick: () => { ctx.ui.expanded[facet] = !ctx.ui.expanded[facet]; applyVisibility(section, facet, ctx); },
    });
    section.append(more);
  }
  applyVisibility(section, facet, ctx);
  return section;
}

// Which values show: the first VISIBLE and every selected one, all when
// expanded, and those matching the filter box while it holds text.
function applyVisibility(section, facet, ctx) {
  const filter = fold(ctx.ui.filterText[facet] || '');
  const expanded = !!ctx.ui.expanded[facet];
  const items = [...section.querySelectorAll('li.facet-value')];
  let shown = 0;
  for (const li of items) {
    const rank = +li.dataset.rank;
    const visible = filter
      ? li.dataset.search.includes(filter)
      : expanded || rank < VISIBLE || li.classList.contains('selected');
    li.hidden = !visible;
    if (visible) shown++;
  }
  const nomatch = section.querySelector('.facet-nomatch');
  if (nomatch) nomatch.hidden = !(filter && shown === 0);
  const more = section.querySelector('.show-more');
  if (more) {
    const hiddenCount = items.filter((li) => li.hidden).length;
    more.hidden = !!filter;
    more.setAttribute('aria-expanded', String(expanded));
    more.textContent = expanded ? ctx.t('showFewer') : ctx.t('showMore', { n: hiddenCount });
  }
}

function fold(s) {
  return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

// ---- the year histogram ----------------------------------------------------

function yearBlock(values, ctx) {
  const { t, lang } = ctx;
  const years = values.filter((v) => /^\d{4}$/.test(v.value)).map((v) => ({ year: +v.value, count: v.count }));
  const undated = values.find((v) => v.value === 'undated');
  const section = h('fieldset', { class: 'facet facet-year', dataset: { facet: 'year' } },
    h('legend', { class: 'facet-title', id: 'facet-year-title' }, t('facet_year')));
  const fromYear = ctx.range.from ? +ctx.range.from.slice(0, 4) : null;
  const toYear = ctx.range.to ? +ctx.range.to.slice(0, 4) : null;
  const explicitYears = new Set(ctx.yearValues.filter((v) => /^\d{4}$/.test(v)).map(Number));
  const inRange = (y) =>
    explicitYears.has(y) || ((fromYear !== null || toYear !== null) && (fromYear === null || y >= fromYear) && (toYear === null || y <= toYear));

  if (years.length) {
    // The archive's whole span, so that bars stay in place from one search to the next.
    const [first, last] = ctx.span || [Infinity, -Infinity];
    const lo = Math.min(...years.map((y) => y.year), fromYear ?? Infinity, first);
    const hi = Math.max(...years.map((y) => y.year), toYear ?? -Infinity, last);
    const counts = new Map(years.map((y) => [y.year, y.count]));
    const max = Math.max(1, ...years.map((y) => y.count));
    const bars = [];
    const anySelected = [...Array(hi - lo + 1).keys()].some((i) => inRange(lo + i));
    for (let y = lo; y <= hi; y++) {
      const n = counts.get(y) || 0;
      const pressed = inRange(y);
      const tabbable = anySelected ? pressed && (y === lo || !inRange(y - 1)) : y === hi;
      bars.push(h('button', {
        type: 'button', class: 'bar' + (pressed ? ' in-range' : '') + (n === 0 ? ' zero' : ''),
        'aria-pressed': String(pressed), tabindex: tabbable ? '0' : '-1',
        'aria-label': t('yearBar', { year: y, n: formatNumber(n, lang) }), title: `${y}: ${formatNumber(n, lang)}`,
        dataset: { year: y, focusKey: `year:${y}` },
      }, h('span', { class: 'bar-fill', style: `height:${n ? Math.max(6, Math.round((n / max) * 100)) : 0}%` })));
    }
    const histogram = h('div', { class: 'histogram', role: 'group', 'aria-labelledby': 'facet-year-title',
                                 'aria-describedby': 'years-help' }, bars);
    wireHistogram(histogram, ctx, { fromYear, toYear });
    const mid = Math.round((lo + hi) / 2);
    section.append(
      histogram,
      h('div', { class: 'histogram-axis', 'aria-hidden': 'true' },
        h('span', {}, String(lo)), hi - lo >= 4 ? h('span', {}, String(mid)) : null, h('span', {}, String(hi))),
      h('p', { class: 'help', id: 'years-help' }, t('yearsHelp')));
  }
  const rangeSet = ctx.range.from || ctx.range.to;
  if (rangeSet || explicitYears.size) {
    section.append(h('p', { class: 'range-line' },
      h('button', { type: 'button', class: 'link-button', dataset: { focusKey: 'clear-dates' },
                    onclick: () => ctx.onRange('', '') }, t('clearDates'))));
  }
  if (undated) {
    const id = 'f-year-undated';
    section.append(h('div', { class: 'facet-value undated' + (undated.selected ? ' selected' : '') },
      h('input', { type: 'checkbox', id, checked: !!undated.selected,
                   dataset: { focusKey: 'facet:year:undated' },
                   onchange: (e) => ctx.onToggle('year', 'undated', e.target.checked) }),
      h('label', { for: id }, h('span', { class: 'facet-label' }, t('undated')),
        h('span', { class: 'count', 'aria-label': t('documentsCount', { n: undated.count }) }, formatNumber(undated.count, lang)))));
  }
  return section;
}

// Pointer: press on a bar and release on another for a range; a plain click
// picks one year (again: clears). Keyboard: arrows move between bars, Enter or
// Space picks a year, Shift extends the range from the current start.
function wireHistogram(histogram, ctx, current) {
  let drag = null;
  const bars = () => [...histogram.querySelectorAll('.bar')];
  const yearAt = (x) => {
    let best = null;
    for (const b of bars()) {
      const r = b.getBoundingClientRect();
      if (x >= r.left - 1 && x <= r.right + 1) return +b.dataset.year;
      if (best === null || Math.abs(r.left + r.width / 2 - x) < best.d) best = { d: Math.abs(r.left + r.width / 2 - x), y: +b.dataset.year };
    }
    return best ? best.y : null;
  };
  const preview = () => {
    const [a, b] = [Math.min(drag.start, drag.end), Math.max(drag.start, drag.end)];
    for (const bar of bars()) bar.classList.toggle('dragging', +bar.dataset.year >= a && +bar.dataset.year <= b);
  };
  const choose = (start, shift, end = start) => {
    let a = Math.min(start, end), b = Math.max(start, end);
    if (shift && start === end && current.fromYear !== null) {
      // Extend the range in force to this year.
      if (start >= current.fromYear) [a, b] = [current.fromYear, start];
      else [a, b] = [start, current.toYear ?? current.fromYear];
    } else if (a === b && current.fromYear === a && current.toYear === b) {
      ctx.onRange('', '', start);  // the one year chosen, chosen again: clear
      return;
    }
    ctx.onRange(String(a), String(b), end);
  };
  histogram.addEventListener('pointerdown', (e) => {
    const bar = e.target.closest('.bar');
    if (!bar || e.button !== 0) return;
    drag = { start: +bar.dataset.year, end: +bar.dataset.year, shift: e.shiftKey };
    histogram.setPointerCapture(e.pointerId);
    bar.focus({ preventScroll: true });
    preview();
    e.preventDefault();
  });
  histogram.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const y = yearAt(e.clientX);
    if (y !== null && y !== drag.end) { drag.end = y; preview(); }
  });
  const finish = (e, commit) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    if (histogram.hasPointerCapture?.(e.pointerId)) histogram.releasePointerCapture(e.pointerId);
    for (const bar of bars()) bar.classList.remove('dragging');
    if (commit) choose(d.start, d.shift, d.end);
  };
  histogram.addEventListener('pointerup', (e) => finish(e, true));
  histogram.addEventListener('pointercancel', (e) => finish(e, false));
  histogram.addEventListener('click', (e) => {
    const bar = e.target.closest('.bar');
    if (bar && e.detail === 0) choose(+bar.dataset.year, e.shiftKey);  // keyboard activation
  });
  histogram.addEventListener('keydown', (e) => {
    const list = bars();
    const i = list.indexOf(document.activeElement);
    if (i < 0) return;
    let j = null;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') j = Math.max(0, i - 1);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') j = Math.min(list.length - 1, i + 1);
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = list.length - 1;
    if (j === null) return;
    e.preventDefault();
    list[i].tabIndex = -1;
    list[j].tabIndex = 0;
    list[j].focus();
  });
}
