// dom.js — building elements without string HTML. Text goes in as text nodes,
// so archive text and queries can never become markup. The one exception,
// trustedServerHtml(), is for the snippet and body_html fields, which the server
// escapes itself and marks up with <mark> only.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

// Only for the server's snippet/body_html: HTML-escaped text with <mark>. As a
// second line of defence everything but text and <mark> is dropped.
export function trustedServerHtml(html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = String(html || '');
  const out = document.createDocumentFragment();
  const copy = (node, into) => {
    for (const c of node.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) into.append(document.createTextNode(c.textContent));
      else if (c.nodeType === Node.ELEMENT_NODE && c.tagName === 'MARK') {
        const m = document.createElement('mark');
        copy(c, m);
        into.append(m);
      } else if (c.nodeType === Node.ELEMENT_NODE) copy(c, into);
    }
  };
  copy(tpl.content, out);
  return out;
}

// A link to an archived page, only when it is http(s): an archive could hold
// "javascript:" URLs.
export function safeHref(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
