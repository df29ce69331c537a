// Shared helpers for the console and public pages. Every piece of data is
// put into the page with textContent (el() never parses HTML).

const LANGS = ['zh', 'en', 'ko'];
let lang = (() => {
  const saved = localStorage.getItem('yeyou.lang');
  return LANGS.includes(saved) ? saved : 'zh';
})();
let strings = {};

export function addStrings(table) { Object.assign(strings, table); }
export function getLang() { return lang; }
export function setLang(l) { if (LANGS.includes(l)) { lang = l; localStorage.setItem('yeyou.lang', l); document.documentElement.lang = l; } }
// table entries are [zh, en, ko?]; Korean falls back to English.
export function t(key, vars) {
  const e = strings[key];
  let s = !e ? key : (lang === 'zh' ? e[0] : lang === 'en' ? e[1] : (e[2] || e[1]));
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll('{' + k + '}', String(v));
  return s;
}
// A localized {zh,en,ko} object from the API.
export function loc(obj) {
  if (!obj || typeof obj !== 'object') return obj == null ? '' : String(obj);
  return obj[lang] || obj.zh || obj.en || '';
}

// el('div', {class: 'x', onclick: fn}, child, 'text', …): strings become text nodes.
export function el(tag, attrs, ...children) {
  const node = tag.includes(':') ? document.createElementNS('http://www.w3.org/2000/svg', tag.split(':')[1]) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = String(v);
    else if (k === 'value') node.value = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
export function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return '';
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || ('HTTP ' + status));
    this.status = status; this.body = body;
  }
}

// JSON API call. Cookie sessions: the CSRF cookie is echoed in X-CSRF-Token on writes.
export async function api(method, path, body, opts = {}) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = cookie('yeyou_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let payload;
  if (body !== undefined) {
    if (opts.raw) { payload = body; headers['Content-Type'] = opts.type || 'text/plain'; }
    else { payload = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
  }
  const res = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 204) return null;
  let data = null;
  const text = await res.text();
  try { data = text ? JSON.parse(text) : null; } catch { data = { text }; }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : lang === 'ko' ? 'ko-KR' : 'en-GB',
    { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
export function pct(x) { return x == null ? '—' : (Math.round(x * 1000) / 10) + '%'; }
export function countdown(seconds) {
  if (seconds == null) return '—';
  const neg = seconds < 0; let s = Math.abs(seconds);
  const d = Math.floor(s / 86400); s -= d * 86400; const h = Math.floor(s / 3600); const m = Math.floor((s % 3600) / 60);
  const txt = (d ? d + t('d') + ' ' : '') + h + t('h') + ' ' + m + t('m');
  return neg ? t('overdue_by', { t: txt }) : txt;
}
// "YYYY-MM" of a date in Asia/Shanghai, shifted by `monthsBack`.
export function month(monthsBack = 0) {
  const now = new Date(Date.now() + 8 * 3600 * 1000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
  return d.toISOString().slice(0, 7);
}

export function langSwitch(langs, onChange) {
  const box = el('span', { class: 'lang-switch' });
  for (const l of langs) {
    box.append(el('button', { class: l === lang ? 'on' : '', 'data-lang': l, onclick: () => { setLang(l); onChange(); } },
      l === 'zh' ? '中文' : l === 'en' ? 'EN' : '한국어'));
  }
  return box;
}

addStrings({
  d: ['天', 'd', '일'], h: ['时', 'h', '시간'], m: ['分', 'm', '분'],
  overdue_by: ['已超期 {t}', 'overdue by {t}', '{t} 초과'],
  error: ['出错了', 'Something went wrong', '오류가 발생했습니다'],
});
