// webbox.test.mjs — drives the web box in headless Chromium against a real
// dossier-searchd (started by run.sh, which passes its address in DOSSIER_BASE).
// Each step asserts on what the reader sees; any failure exits 1 after saving
// failure.png. Screenshots (desktop 1280×800, phone 390×844) go to DOSSIER_SHOTS.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.DOSSIER_BASE || 'http://127.0.0.1:8080';
const SHOTS = process.env.DOSSIER_SHOTS || path.join(os.tmpdir(), 'dossier-screenshots');
const LABELS = process.env.DOSSIER_LABELS || '';
const PROFILE = process.env.DOSSIER_PROFILE || fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-profile-'));
const QUERY = 'all letters about security certificates';
const TIMEOUT = 10_000;

fs.mkdirSync(SHOTS, { recursive: true });

// The Harkat letter's title as the corpus labels it (labels.json), so the test
// follows the corpus; a title pattern when the labels cannot be read.
function expectedHarkatTitle() {
  try {
    const found = [];
    const walk = (x) => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        if (typeof x.title === 'string' && /harkat/i.test(x.title)) found.push(x);
        Object.values(x).forEach(walk);
      }
    };
    walk(JSON.parse(fs.readFileSync(LABELS, 'utf8')));
    const letter = found.find((d) => (d.type === 'letter' || d.label?.type === 'letter') &&
      JSON.stringify(d.topics ?? d.label?.topics ?? '').includes('security-certificates'));
    if (letter) return letter.title;
  } catch { /* no labels: use the pattern */ }
  return null;
}
const HARKAT_TITLE = expectedHarkatTitle();
const HARKAT = HARKAT_TITLE ? new RegExp('^' + HARKAT_TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$')
                            : /deportation to torture of Mohamed Harkat/i;

let passed = 0;
let page;
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok ${passed} - ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    console.log(`not ok ${passed + 1} - ${name}`);
    console.log(String(e?.stack || e).split('\n').map((l) => '  # ' + l).join('\n'));
    try { await page?.screenshot({ path: path.join(SHOTS, 'failure.png'), fullPage: true }); } catch { /* ignore */ }
    console.log(`${passed} passed, 1 failed`);
    await context?.close().catch(() => {});
    process.exit(1);
  }
}

// ---- helpers reading the page ------------------------------------------------
const params = () => new URL(page.url()).searchParams;
const chips = () => page.$$eval('#chips .chip', (els) => els.map((e) => e.textContent.replace(/\s*×\s*$/, '').replace(/\s+/g, ' ').replace(/ :/g, ':').trim()));
const titles = () => page.$$eval('#result-list .result-link', (els) => els.map((e) => e.textContent.trim()));
const totalText = () => page.textContent('#total');
async function total() {
  const s = (await totalText()) || '';
  if (/^(No documents|Aucun document)/.test(s.trim())) return 0;
  const m = s.replace(/[\s\u202f\u00a0]/g, '').match(/^(\d+)/);
  assert.ok(m, `a total in "${s}"`);
  return Number(m[1]);
}
// facet -> {label: count} as the sidebar shows it.
const facetCounts = () => page.$$eval('#facets fieldset[data-facet]', (sets) => {
  const out = {};
  for (const s of sets) {
    const f = s.dataset.facet;
    out[f] = {};
    for (const li of s.querySelectorAll('.facet-value')) {
      const label = li.querySelector('.facet-label')?.textContent.trim();
      const count = Number((li.querySelector('.count')?.textContent || '').replace(/\D/g, ''));
      if (label) out[f][label] = count;
    }
    for (const b of s.querySelectorAll('.bar')) out[f][b.dataset.year] = Number(b.title.split(':').pop().replace(/\D/g, ''));
  }
  return out;
});
// Rows of a CSV text (RFC 4180 quoting), to count records with newlines in fields.
function csvRows(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// Waits until the page has settled on a new answer (no request in flight).
async function settled() {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: TIMEOUT });
}
async function untilUrl(pred, what) {
  await page.waitForFunction(pred, null, { timeout: TIMEOUT }).catch(() => {
    throw new Error(`the URL never showed ${what}: ${page.url()}`);
  });
  await settled();
}

// ---- the run -------------------------------------------------------------------
const context = await chromium.launchPersistentContext(PROFILE, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
  locale: 'en-US',
  timeout: 30_000,
});
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(TIMEOUT);
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });

await step('the page loads and lists the archive, in English', async () => {
  await page.goto(BASE + '/');
  await page.waitForSelector('#result-list .result');
  await settled();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok((await total()) > 0, 'the whole archive is browsable with an empty query');
  assert.ok(await page.$('link[rel="search"][type="application/opensearchdescription+xml"]'), 'OpenSearch link');
});

await step('"/" focuses the search box', async () => {
  await page.click('#total');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'q');
});

let letterTotal, letterTitles, before;
await step('"all letters about security certificates": chips, and the Harkat letter first', async () => {
  await page.fill('#q', QUERY);
  await page.keyboard.press('Enter');
  await untilUrl(() => new URL(location.href).searchParams.get('q') === 'all letters about security certificates', 'q');
  await page.waitForSelector('#chips .chip');
  const c = (await chips()).map((s) => s.toLowerCase());
  assert.ok(c.includes('type: letter'), `chip type: letter in ${JSON.stringify(c)}`);
  assert.ok(c.includes('topic: security certificates'), `chip topic: security certificates in ${JSON.stringify(c)}`);
  assert.ok(await page.$('#chips .chip.interpreted'), 'the chips are marked as read from the words');
  letterTitles = await titles();
  assert.ok(letterTitles.length > 0, 'results');
  assert.match(letterTitles[0], HARKAT, 'the Harkat letter is first');
  const types = await page.$$eval('#result-list .result-meta .badge', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(types.every((x) => x === 'Letter'), `only letters: ${types}`);
  letterTotal = await total();
  assert.ok(letterTotal >= letterTitles.length);
  before = await facetCounts();
  assert.equal(before.type.Letter, letterTotal, 'the type facet counts the letters');
  await page.screenshot({ path: path.join(SHOTS, 'desktop-results.png') });
});

let minister, ministerCount, afterMinister;
await step('a minister facet narrows the results and changes the counts', async () => {
  const options = Object.entries(before.minister).filter(([, n]) => n > 0 && n < letterTotal);
  assert.ok(options.length > 0, `a minister that narrows ${letterTotal} letters: ${JSON.stringify(before.minister)}`);
  [minister, ministerCount] = options[0];
  const box = page.locator('fieldset[data-facet="minister"] .facet-value', { hasText: minister }).locator('input[type=checkbox]');
  await box.first().check();
  await untilUrl(() => new URL(location.href).searchParams.has('minister'), 'minister=');
  assert.equal(params().get('minister'), minister);
  assert.equal(await total(), ministerCount, 'the total is the count the facet promised');
  assert.ok(await page.locator('fieldset[data-facet="minister"] input:checked').count() === 1);
  afterMinister = await facetCounts();
  const changed = ['type', 'org', 'topic', 'lang', 'year'].some((f) => JSON.stringify(afterMinister[f]) !== JSON.stringify(before[f]));
  assert.ok(changed, 'facet counts changed with the minister filter');
  assert.equal(afterMinister.type.Letter, ministerCount);
  // Multi-select: the other ministers keep their counts.
  const others = Object.keys(before.minister).filter((m) => m !== minister);
  for (const m of others) assert.equal(afterMinister.minister[m], before.minister[m], `count of ${m} kept`);
  const c = (await chips()).map((s) => s.toLowerCase());
  assert.ok(c.includes(`minister: ${minister.toLowerCase()}`), `a minister chip in ${JSON.stringify(c)}`);
  assert.ok((await titles()).length > 0);
});

let afterRemoval, removalUrl, removalTitles, scrolledTo;
await step('removing the "type: letter" chip reruns the search without it', async () => {
  await page.locator('#chips .chip', { hasText: 'Letter' }).click();
  await untilUrl(() => new URL(location.href).searchParams.get('interpret') === '0', 'interpret=0');
  const c = (await chips()).map((s) => s.toLowerCase());
  assert.ok(!c.includes('type: letter'), `no type chip in ${JSON.stringify(c)}`);
  assert.ok(c.includes('topic: security certificates'), 'the topic chip stays');
  assert.ok(c.includes(`minister: ${minister.toLowerCase()}`), 'the minister chip stays');
  assert.deepEqual(params().getAll('topic'), ['security-certificates']);
  assert.deepEqual(params().getAll('type'), []);
  const n = await total();
  afterRemoval = await facetCounts();
  assert.ok(n >= ministerCount, `without a filter there are no fewer results (${n} >= ${ministerCount})`);
  const typeSum = Object.values(afterRemoval.type).reduce((a, b) => a + b, 0);
  assert.ok(typeSum >= n, 'every result has a type in the facet');
  assert.equal(await page.locator('fieldset[data-facet="type"] input:checked').count(), 0, 'no type ticked');
  removalUrl = page.url();
  removalTitles = await titles();
  scrolledTo = await page.evaluate(() => { window.scrollTo(0, 120); return window.scrollY; });
});

let docTitle;
await step('a document opens with every field, its URLs and a citation', async () => {
  const first = page.locator('#result-list .result-link').first();
  docTitle = (await first.textContent()).trim();
  await first.click();
  await page.waitForSelector('#doc-title');
  await settled();
  assert.match(params().get('doc') || '', /^[0-9a-f]{16}$/);
  assert.equal((await page.textContent('#doc-title')).trim(), docTitle);
  assert.equal(await page.isVisible('#results-view'), false);
  const dts = await page.$$eval('.doc-fields dt', (els) => els.map((e) => e.textContent.trim()));
  for (const f of ['Date', 'Type', 'Language', 'Ministers', 'Organisations', 'Topics', 'Archived URL', 'Seen at', 'Document ID'])
    assert.ok(dts.includes(f), `field ${f} in ${dts}`);
  assert.ok(await page.locator('.url-list a[href^="http"]').count() >= 1, 'links to the archived URLs');
  const cite = await page.textContent('#cite-text');
  assert.ok(cite.includes(docTitle.replace(/[.\s]+$/, '')), 'the citation names the title');
  assert.match(cite, /Archived from https?:\/\//);
  assert.match(cite, /Accessed \d{1,2} \w+ \d{4}\./);
  assert.ok((await page.textContent('.doc-text')).length > 200, 'the text is there');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'doc-title', 'focus moves to the document');
  await page.click('.cite button');
  await page.waitForFunction(() => document.querySelector('.copy-status')?.textContent.length > 0);
  assert.match(await page.textContent('.copy-status'), /copied/i);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), cite.trim());
});

await step('back returns to the same results, filters and scroll', async () => {
  await page.goBack();
  await page.waitForSelector('#result-list .result');
  await settled();
  assert.equal(page.url(), removalUrl);
  assert.deepEqual(await titles(), removalTitles);
  assert.deepEqual(await facetCounts(), afterRemoval);
  assert.equal(await page.isVisible('#document-view'), false);
  assert.equal(await page.inputValue('#q'), params().get('q') || '');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), docTitle, 'focus returns to the link');
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(y - scrolledTo) <= 2, `the scroll position comes back (${y} vs ${scrolledTo})`);
  await page.goBack();  // and once more: the minister step
  await settled();
  assert.equal(params().get('interpret'), null);
  assert.equal(params().get('q'), QUERY);
  assert.equal(await total(), ministerCount);
  await page.goForward();
  await settled();
  assert.equal(page.url(), removalUrl);
});

await step('a query with the highlight shows <mark> in the document', async () => {
  await page.fill('#q', 'Harkat deportation');
  await page.keyboard.press('Enter');
  await untilUrl(() => new URL(location.href).searchParams.get('q') === 'Harkat deportation', 'q=Harkat');
  await page.locator('#result-list .result-link').first().click();
  await page.waitForSelector('#doc-title');
  await settled();
  assert.ok(await page.locator('.doc-text mark').count() > 0, 'query words are marked');
  const marked = await page.$$eval('.doc-text mark', (els) => els.map((e) => e.textContent.toLowerCase()));
  assert.ok(marked.some((w) => w.startsWith('harkat') || w.startsWith('deport')), `marks hold query words: ${marked.slice(0, 5)}`);
  await page.screenshot({ path: path.join(SHOTS, 'desktop-document.png') });
  await page.goBack();
  await settled();
});

await step('the year histogram selects a range by dragging, and "undated"', async () => {
  await page.goto(BASE + '/');
  await page.waitForSelector('.histogram .bar');
  await settled();
  const all = await total();
  const bars = page.locator('.histogram .bar');
  const n = await bars.count();
  assert.ok(n >= 3, 'several years');
  const a = await bars.nth(1).boundingBox();
  const b = await bars.nth(Math.min(n - 1, 4)).boundingBox();
  const y0 = Number(await bars.nth(1).getAttribute('data-year'));
  const y1 = Number(await bars.nth(Math.min(n - 1, 4)).getAttribute('data-year'));
  const counts = (await facetCounts()).year;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height - 4);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 4, { steps: 6 });
  await page.mouse.up();
  await untilUrl(() => new URL(location.href).searchParams.has('from'), 'from=');
  assert.equal(params().get('from'), String(y0));
  assert.equal(params().get('to'), String(y1));
  let expected = 0;
  for (let y = y0; y <= y1; y++) expected += counts[y] || 0;
  assert.equal(await total(), expected, 'the total is the sum of the chosen bars');
  assert.ok((await chips()).some((c) => c.startsWith('Date:')), 'a date chip');
  const undated = page.locator('#f-year-undated');
  if (await undated.count()) {
    await undated.check();
    await untilUrl(() => new URL(location.href).searchParams.get('year') === 'undated', 'year=undated');
    assert.equal(params().get('from'), null, 'undated replaces the range');
    const dates = await page.$$eval('#result-list time', (els) => els.length);
    assert.equal(dates, 0, 'undated results carry no date');
  }
  assert.ok(all > 0);
});

await step('sort and pagination go into the URL', async () => {
  await page.goto(BASE + '/');
  await page.waitForSelector('#result-list .result');
  await page.selectOption('#sort', '-date');
  await untilUrl(() => new URL(location.href).searchParams.get('sort') === '-date', 'sort=-date');
  const dates = await page.$$eval('#result-list time', (els) => els.map((e) => e.getAttribute('datetime')));
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  if (await page.locator('.pagination a.next').count()) {
    const firstPage = await titles();
    await page.click('.pagination a.next');
    await untilUrl(() => new URL(location.href).searchParams.get('page') === '2', 'page=2');
    const second = await titles();
    assert.ok(second.length > 0 && second[0] !== firstPage[0], 'page 2 differs');
    await page.goBack();
    await settled();
    assert.deepEqual(await titles(), firstPage);
  }
});

await step('exports: CSV and JSON of the whole set, an Atom feed', async () => {
  await page.goto(BASE + '/?q=' + encodeURIComponent(QUERY));
  await page.waitForSelector('#result-list .result');
  await settled();
  const n = await total();
  const csvHref = await page.getAttribute('#export-csv', 'href');
  const jsonHref = await page.getAttribute('#export-json', 'href');
  const atomHref = await page.getAttribute('#export-atom', 'href');
  assert.match(csvHref, /format=csv/);
  assert.match(jsonHref, /format=json/);
  assert.match(jsonHref, /all=1/);
  assert.match(atomHref, /format=atom/);
  const json = await (await page.request.get(BASE + jsonHref)).json();
  assert.equal(json.results.length, n, 'the JSON export holds the whole result set');
  const csv = await (await page.request.get(BASE + csvHref)).text();
  assert.match(csv, /^id,title,/);
  assert.equal(csvRows(csv).length, n + 1, 'one CSV row per result');
  const atom = await page.request.get(BASE + atomHref);
  assert.equal(atom.status(), 200);
  assert.match(await atom.text(), /<feed/);
  assert.equal(await page.getAttribute('#feed-link', 'href'), atomHref, 'the page links its feed');
});

await step('switching to French relabels the page and stays in the URL', async () => {
  await page.click('button[data-ui-lang="fr"]');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.equal(params().get('hl'), 'fr');
  const c = (await chips()).map((s) => s.toLowerCase());
  assert.ok(c.includes('type: lettre'), `French chips: ${JSON.stringify(c)}`);
  assert.ok(c.includes('sujet: certificats de sécurité'), `French topic label: ${JSON.stringify(c)}`);
  const legends = await page.$$eval('#facets legend', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(legends.includes('Ministre') && legends.includes('Sujet'), `French facet names: ${legends}`);
  assert.equal((await page.textContent('.search-button')).trim(), 'Chercher');
  assert.match(await totalText(), /documents?/);
  await page.reload();
  await page.waitForSelector('#result-list .result');
  await settled();
  assert.equal(await page.getAttribute('html', 'lang'), 'fr', 'a bookmarked French page stays French');
  await page.screenshot({ path: path.join(SHOTS, 'desktop-results-fr.png') });
  await page.click('button[data-ui-lang="en"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

await step('archive text and queries are never markup', async () => {
  const evil = '<img src=x onerror="window.__pwned=1">"><script>window.__pwned=2</script>';
  await page.goto(BASE + '/?q=' + encodeURIComponent(evil) + '&org=' + encodeURIComponent('<b id=inj>x</b>'));
  await settled();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('#inj').count(), 0);
  assert.equal(await page.inputValue('#q'), evil);
  assert.ok((await chips()).some((s) => s.includes('<b id=inj>x</b>')), 'the filter value shows as text');
});

await step('OpenSearch description: valid XML whose template searches', async () => {
  const res = await page.request.get(BASE + '/opensearch.xml');
  assert.equal(res.status(), 200);
  const xml = await res.text();
  const template = await page.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, 'application/xml');
    if (d.querySelector('parsererror')) return null;
    return d.querySelector('Url[type="text/html"]')?.getAttribute('template');
  }, xml);
  assert.ok(template && template.includes('{searchTerms}'), `a text/html template: ${template}`);
  await page.goto(new URL(template.replace('{searchTerms}', encodeURIComponent(QUERY)), BASE).href);
  await page.waitForSelector('#result-list .result');
  await settled();
  assert.match((await titles())[0], HARKAT);
});

await step('phone width: the sidebar folds behind a button; screenshots', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(BASE + '/?q=' + encodeURIComponent(QUERY));
  await page.waitForSelector('#result-list .result');
  await settled();
  assert.equal(await page.isVisible('#sidebar'), false, 'sidebar folded');
  assert.equal(await page.isVisible('#filters-toggle'), true);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
  await page.screenshot({ path: path.join(SHOTS, 'phone-results.png') });
  await page.click('#filters-toggle');
  assert.equal(await page.isVisible('#sidebar'), true, 'sidebar opens');
  assert.equal(await page.getAttribute('#filters-toggle', 'aria-expanded'), 'true');
  await page.screenshot({ path: path.join(SHOTS, 'phone-filters.png') });
  await page.locator('#result-list .result-link').first().click();
  await page.waitForSelector('#doc-title');
  await settled();
  const docWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(docWidth <= 390, `document fits the phone (${docWidth}px)`);
  await page.screenshot({ path: path.join(SHOTS, 'phone-document.png') });
});

await step('every control has a name, and focus is visible', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(BASE + '/?q=' + encodeURIComponent(QUERY));
  await page.waitForSelector('#result-list .result');
  await settled();
  const unnamed = await page.evaluate(() => {
    const name = (el) => {
      if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return true;
      if (el.id && document.querySelector(`label[for="${el.id}"]`)) return true;
      if (el.closest('label')) return true;
      return ['BUTTON', 'A'].includes(el.tagName) && el.textContent.trim().length > 0;
    };
    return [...document.querySelectorAll('input, select, button, a[href]')]
      .filter((el) => el.offsetParent !== null && !name(el)).map((el) => el.outerHTML.slice(0, 80));
  });
  assert.deepEqual(unnamed, []);
  await page.focus('#facets input[type=checkbox]');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).boxShadow);
  assert.notEqual(ring, 'none', 'the focused control shows a ring');
});

await step('no script errors on the page', async () => {
  const real = pageErrors.filter((e) => !/Failed to load resource/.test(e));
  assert.deepEqual(real, []);
});

await context.close();
console.log(`${passed} passed, 0 failed`);
