// The staff and bureau console: a hash-routed single page on the JSON API.
// Sessions are cookies (HttpOnly) with a CSRF token echoed on writes (common.js).
import { addStrings, api, clear, countdown, el, fmtTime, getLang, langSwitch, loc, month, pct, t } from './common.js';
import { barChart, heatMap, lineChart, targetBars } from './charts.js';
import './console_strings.js';

const app = document.getElementById('app');
let me = null;
let venues = [];
let districts = [];

function toast(text, bad) {
  const n = el('div', { class: 'toast' + (bad ? ' banner error' : ''), role: 'status', text });
  document.body.append(n);
  setTimeout(() => n.remove(), 3500);
}
async function guard(fn) {
  try { return await fn(); } catch (e) {
    const fields = e.body && e.body.error && e.body.error.fields ? Object.entries(e.body.error.fields).map(([k, v]) => `${k}: ${v}`).join('; ') : '';
    toast(e.message + (fields ? ' — ' + fields : ''), true);
    if (e.status === 401) { me = null; route(); }
    return undefined;
  }
}
const field = (label, input) => el('label', {}, el('span', { text: label }), input);
const input = (attrs) => el('input', attrs);
const myVenues = () => me.role === 'venue_staff' ? venues.filter(v => me.venues.includes(v.id)) : venues;
const venueName = (id) => { const v = venues.find(x => x.id === id); return v ? loc(v.name) : (id == null ? '—' : '#' + id); };
function venueSelect(id, selected, onchange) {
  const s = el('select', { id, onchange });
  for (const v of myVenues()) s.append(el('option', { value: v.id, selected: v.id === selected }, loc(v.name)));
  return s;
}
const todayIso = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const localInput = (iso) => iso ? new Date(new Date(iso).getTime() + 8 * 3600e3).toISOString().slice(0, 16) : '';
const toApiTime = (v) => v ? (v.length === 16 ? v + ':00' : v) : undefined;

// ---------- login ----------
function loginView() {
  clear(app);
  const login = input({ id: 'login', autocomplete: 'username' });
  const password = input({ id: 'password', type: 'password', autocomplete: 'current-password' });
  const msg = el('div');
  const form = el('form', { class: 'card', id: 'login-form', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await api('POST', '/auth/login', { login: login.value.trim(), password: password.value, cookie: true });
      await start();
    } catch (e) { clear(msg).append(el('p', { class: 'banner error', id: 'login-error', text: e.status === 429 ? t('throttled') : t('login_failed') })); }
  } }, el('h2', { text: t('sign_in') }), field(t('login'), login), field(t('password'), password), el('button', { type: 'submit', id: 'login-submit' }, t('sign_in')), msg);
  app.append(el('header', { class: 'top' }, el('h1', { text: t('app_title') }), langSwitch(['zh', 'en'], loginView)), el('main', {}, form));
}

// ---------- layout ----------
const TABS = {
  venue_staff: ['venues', 'events', 'occupancy', 'cases'],
  bureau: ['dashboard', 'cases', 'suspect', 'kiosks', 'notices', 'reports', 'venues', 'events', 'occupancy'],
  admin: ['users', 'devices', 'kiosks'],
};
function layout(active) {
  clear(app);
  const nav = el('nav', { class: 'tabs' });
  for (const tab of TABS[me.role]) nav.append(el('a', { href: '#/' + tab, class: tab === active ? 'active' : '', id: 'tab-' + tab, text: t('tab_' + tab) }));
  const main = el('main', { id: 'view-' + active });
  app.append(el('header', { class: 'top' }, el('h1', { text: t('app_title') }),
    el('span', { class: 'muted', id: 'whoami', text: `${me.display_name} (${t('role_' + me.role)})` }),
    langSwitch(['zh', 'en'], route),
    el('button', { class: 'secondary', id: 'logout', onclick: async () => { await guard(() => api('POST', '/auth/logout')); me = null; route(); } }, t('sign_out'))), nav, main);
  return main;
}

// ---------- venues ----------
function hoursText(rules) { return (rules || []).map(r => `${r.days.join(',')} ${r.open}-${r.close}`).join('\n'); }
function parseHours(text) {
  return text.split('\n').map(l => l.trim()).filter(Boolean).map(l => {
    const [days, span] = l.split(/\s+/); const [open, close] = (span || '').split('-');
    return { days: days.split(',').map(Number), open, close };
  });
}
async function venuesView(main) {
  for (const v of myVenues()) {
    const f = {};
    for (const l of ['zh', 'en', 'ko']) { f['name_' + l] = input({ value: v.name[l] || '' }); f['addr_' + l] = input({ value: (v.address || {})[l] || '' }); }
    f.capacity = input({ type: 'number', min: 1, value: v.capacity, class: 'capacity' });
    f.phone = input({ value: v.phone || '' });
    f.hours = el('textarea', { class: 'hours' }); f.hours.value = hoursText(v.opening_hours);
    main.append(el('form', { class: 'card venue', 'data-venue': v.id, onsubmit: async (ev) => {
      ev.preventDefault();
      const body = { name: { zh: f.name_zh.value, en: f.name_en.value, ko: f.name_ko.value }, address: { zh: f.addr_zh.value, en: f.addr_en.value, ko: f.addr_ko.value },
        capacity: Number(f.capacity.value), phone: f.phone.value, opening_hours: parseHours(f.hours.value) };
      if (await guard(() => api('PATCH', '/venues/' + v.id, body))) { toast(t('saved')); await loadVenues(); }
    } }, el('h2', { text: loc(v.name) }),
      el('div', { class: 'row' }, field(t('name') + ' 中文', f.name_zh), field(t('name') + ' EN', f.name_en), field(t('name') + ' 한국어', f.name_ko)),
      el('div', { class: 'row' }, field(t('address') + ' 中文', f.addr_zh), field(t('address') + ' EN', f.addr_en), field(t('address') + ' 한국어', f.addr_ko)),
      el('div', { class: 'row' }, field(t('capacity'), f.capacity), field(t('phone'), f.phone)),
      field(t('opening_hours_help'), f.hours), el('button', { type: 'submit' }, t('save'))));
  }
}

// ---------- events ----------
const EVENT_CATS = ['light_show', 'performance', 'festival', 'market', 'museum_night', 'food', 'shopping_promotion', 'sports', 'camping'];
let eventsVenue = null;
async function eventsView(main) {
  eventsVenue = eventsVenue || (myVenues()[0] || {}).id;
  const list = el('div', { id: 'event-list' });
  const sel = venueSelect('events-venue', eventsVenue, () => { eventsVenue = Number(sel.value); refresh(); });
  const refresh = async () => {
    clear(list);
    const from = todayIso() + 'T00:00:00';
    const to = new Date(Date.now() + 8 * 3600e3 + 28 * 86400e3).toISOString().slice(0, 10) + 'T00:00:00';
    const r = await guard(() => api('GET', `/events?from=${from}&to=${to}`));
    if (!r) return;
    const evs = r.events.filter(e => e.venue_id === eventsVenue);
    if (!evs.length) list.append(el('p', { class: 'muted', text: t('no_events') }));
    let day = '';
    for (const e of evs) {
      const d = localInput(e.start).slice(0, 10);
      if (d !== day) { day = d; list.append(el('h3', { text: d })); }
      list.append(eventCard(e, refresh));
    }
  };
  // create
  const c = { zh: input({ id: 'ev-title-zh' }), en: input({ id: 'ev-title-en' }), ko: input({ id: 'ev-title-ko' }),
    cat: el('select', { id: 'ev-category' }, ...EVENT_CATS.map(x => el('option', { value: x }, t('cat_' + x)))),
    desc: el('textarea', { id: 'ev-desc' }), start: input({ id: 'ev-start', type: 'datetime-local' }), end: input({ id: 'ev-end', type: 'datetime-local' }),
    price: input({ id: 'ev-price', type: 'number', min: 0, value: 0 }), weekly: input({ id: 'ev-weekly', type: 'checkbox' }),
    weekdays: input({ id: 'ev-weekdays', placeholder: '5,6' }), until: input({ id: 'ev-until', type: 'date' }) };
  const create = el('form', { class: 'card', id: 'event-create', onsubmit: async (ev) => {
    ev.preventDefault();
    const body = { title: { zh: c.zh.value, en: c.en.value || undefined, ko: c.ko.value || undefined }, description: { zh: c.desc.value.trim() || c.zh.value }, category: c.cat.value,
      price_cents: Math.round(Number(c.price.value) * 100), fallback: true };
    if (c.weekly.checked) {
      body.recurrence = { weekdays: c.weekdays.value.split(',').map(Number), start_time: c.start.value.slice(11, 16), end_time: c.end.value.slice(11, 16),
        from: c.start.value.slice(0, 10), until: c.until.value };
    } else { body.start = toApiTime(c.start.value); body.end = toApiTime(c.end.value); }
    if (await guard(() => api('POST', `/venues/${eventsVenue}/events`, body))) { toast(t('saved')); c.zh.value = ''; refresh(); }
  } }, el('h2', { text: t('new_event') }),
    el('div', { class: 'row' }, field(t('title') + ' 中文', c.zh), field(t('title') + ' EN', c.en), field(t('title') + ' 한국어', c.ko)),
    field(t('description'), c.desc),
    el('div', { class: 'row' }, field(t('category'), c.cat), field(t('start'), c.start), field(t('end'), c.end), field(t('price_yuan'), c.price)),
    el('div', { class: 'row' }, el('label', {}, c.weekly, ' ' + t('weekly')), field(t('weekdays_help'), c.weekdays), field(t('until'), c.until)),
    el('button', { type: 'submit', id: 'ev-submit' }, t('create')));
  const ics = input({ type: 'file', id: 'ics-file', accept: '.ics,text/calendar' });
  const icsCard = el('div', { class: 'card' }, el('h3', { text: t('ics_import') }), ics, el('button', { class: 'secondary', onclick: async () => {
    const file = ics.files[0]; if (!file) return;
    const r = await guard(async () => api('POST', `/venues/${eventsVenue}/calendar.ics`, await file.text(), { raw: true, type: 'text/calendar' }));
    if (r) { toast(t('ics_done', { c: r.created, u: r.updated })); refresh(); }
  } }, t('import')));
  main.append(el('div', { class: 'card' }, field(t('venue'), sel)), create, icsCard, el('h2', { text: t('next_4_weeks') }), list);
  refresh();
}
function eventCard(e, refresh) {
  const title = input({ value: e.title.zh || '', class: 'edit-title' });
  const start = input({ type: 'datetime-local', value: localInput(e.start) });
  const end = input({ type: 'datetime-local', value: localInput(e.end) });
  const reason = input({ placeholder: t('reason'), class: 'reason' });
  const dates = input({ placeholder: '2026-12-24,2026-12-31', class: 'copy-dates' });
  const status = e.status !== 'scheduled' ? el('span', { class: 'pill warn', text: t('status_' + e.status) }) : null;
  const patch = async (body) => { if (await guard(() => api('PATCH', '/events/' + e.id, body))) { toast(t('saved')); refresh(); } };
  return el('div', { class: 'card event', 'data-event': e.id },
    el('strong', { class: 'event-title', text: loc(e.title) }), ' ', status,
    el('div', { class: 'muted', text: `${fmtTime(e.start)} – ${fmtTime(e.end)} · ${t('cat_' + e.category)} · ${e.is_free ? t('free') : (e.price_cents / 100) + ' ¥'}` }),
    el('details', {}, el('summary', { text: t('edit') }),
      el('div', { class: 'row' }, field(t('title'), title), field(t('start'), start), field(t('end'), end)),
      el('button', { onclick: () => patch({ title: { ...e.title, zh: title.value }, start: toApiTime(start.value), end: toApiTime(end.value), reason: reason.value || undefined }) }, t('save')),
      el('div', { class: 'row' }, field(t('reason'), reason)),
      el('button', { class: 'danger', onclick: () => patch({ status: 'cancelled', reason: reason.value || undefined }) }, t('cancel_event')),
      el('button', { class: 'secondary', onclick: () => patch({ status: 'postponed', reason: reason.value || undefined }) }, t('postpone')),
      el('div', { class: 'row' }, field(t('copy_to'), dates)),
      el('button', { class: 'secondary', onclick: async () => {
        const len = new Date(e.end) - new Date(e.start);
        const startLocal = localInput(e.start);
        for (const d of dates.value.split(',').map(s => s.trim()).filter(Boolean)) {
          const s = d + startLocal.slice(10) + ':00';
          const endLocal = new Date(new Date(s + '+08:00').getTime() + len + 8 * 3600e3).toISOString().slice(0, 19);
          await guard(() => api('POST', `/venues/${e.venue_id}/events`, { title: e.title, description: e.description, category: e.category, price_cents: e.price_cents, start: s, end: endLocal }));
        }
        refresh();
      } }, t('copy'))));
}

// ---------- occupancy ----------
let occVenue = null;
async function occupancyView(main) {
  occVenue = occVenue || (myVenues()[0] || {}).id;
  const box = el('div', { class: 'card', id: 'occupancy' });
  const sel = venueSelect('occ-venue', occVenue, () => { occVenue = Number(sel.value); show(venues.find(v => v.id === occVenue).occupancy); });
  const count = el('div', { class: 'count', id: 'occ-count' });
  const info = el('div', { id: 'occ-info' });
  const warning = el('div', { id: 'capacity-warning' });
  const bar = el('div'); const barBox = el('div', { class: 'bar' }, bar);
  const setInput = input({ type: 'number', min: 0, id: 'occ-set' });
  function show(o) {
    const v = venues.find(x => x.id === occVenue);
    const cap = o ? o.capacity : v.capacity; const n = o ? o.count : 0; const level = o ? o.level : 'comfortable';
    count.textContent = String(n);
    info.textContent = `${t('capacity')} ${cap} · ${Math.round(n * 100 / cap)}% · ${t('lvl_' + level)} · ${o ? fmtTime(o.taken_at) : '—'}`;
    bar.style.width = Math.min(100, n * 100 / cap) + '%';
    bar.style.background = level === 'full' ? 'var(--bad)' : level === 'crowded' ? 'var(--warn)' : 'var(--ok)';
    clear(warning);
    if (level === 'crowded' || level === 'full')
      warning.append(el('div', { class: 'banner ' + (level === 'full' ? 'full' : 'warn'), 'data-level': level, text: level === 'full' ? t('warn_full') : t('warn_crowded') }));
  }
  const send = async (body) => {
    const o = await guard(() => api('POST', `/venues/${occVenue}/occupancy`, body));
    if (o) { const v = venues.find(x => x.id === occVenue); v.occupancy = o; show(o); }
  };
  box.append(field(t('venue'), sel),
    el('div', { class: 'counter' }, el('button', { id: 'occ-minus', 'aria-label': '-1', onclick: () => send({ delta: -1 }) }, '−'), count,
      el('button', { id: 'occ-plus', 'aria-label': '+1', onclick: () => send({ delta: 1 }) }, '+')),
    barBox, info, warning,
    el('div', { class: 'row' }, field(t('set_count'), setInput), el('button', { id: 'occ-set-submit', onclick: () => send({ count: Number(setInput.value) }) }, t('set'))));
  main.append(box);
  await loadVenues();
  show(venues.find(v => v.id === occVenue).occupancy);
}

// ---------- cases ----------
const ACTION_FIELDS = {
  assign: [['unit', 'text', 'venue:1 / bureau']],
  callback: [['channel', ['phone', 'sms', 'on_site', 'email']], ['reached', 'bool'], ['result', 'textarea']],
  fix: [['result', 'textarea']],
  rectify: [['plan', 'textarea'], ['due', 'date']],
  explain: [['explanation', 'textarea']],
  feedback: [['channel', ['phone', 'sms', 'on_site', 'email']], ['outcome', 'textarea']],
  close: [], reopen: [['note', 'textarea']],
  appeal: [['kind', ['mistaken', 'malicious']], ['evidence', 'textarea']],
  'appeal-decision': [['decision', ['upheld', 'rejected']], ['note', 'textarea']],
  'reveal-contact': [['reason', 'textarea']],
  pause: [['reason', 'textarea']], resume: [['note', 'textarea']],
};
let caseFilter = { state: '', overdue: false };
async function casesView(main) {
  const state = el('select', { id: 'case-state', onchange: () => { caseFilter.state = state.value; refresh(); } },
    el('option', { value: '' }, t('all')), ...['received', 'assigned', 'verifying', 'fixed', 'rectifying', 'explained', 'feedback_given', 'closed'].map(s => el('option', { value: s, selected: caseFilter.state === s }, t('st_' + s))));
  const overdue = input({ type: 'checkbox', id: 'case-overdue', checked: caseFilter.overdue, onchange: () => { caseFilter.overdue = overdue.checked; refresh(); } });
  const table = el('tbody');
  const refresh = async () => {
    const q = new URLSearchParams(); if (caseFilter.state) q.set('state', caseFilter.state); if (caseFilter.overdue) q.set('overdue', 'true');
    const r = await guard(() => api('GET', '/cases?' + q));
    clear(table);
    if (!r) return;
    for (const c of r.cases) {
      const left = c.callback_seconds_left != null ? c.callback_seconds_left : c.close_seconds_left;
      table.append(el('tr', { class: c.overdue ? 'overdue-row' : '', 'data-case': c.id, 'data-tracking': c.tracking_no || '' },
        el('td', {}, el('a', { href: '#/cases/' + c.id, text: '#' + c.id })),
        el('td', { text: t('kind_' + c.kind) + (c.tracking_no ? ' ' + c.tracking_no : '') }),
        el('td', {}, el('span', { class: 'pill case-state', text: t('st_' + c.state) }), c.appeal ? el('span', { class: 'pill warn', text: t('appeal_' + c.appeal) }) : null),
        el('td', { text: venueName(c.venue_id) }), el('td', { text: c.level || '—' }),
        el('td', {}, c.overdue ? el('span', { class: 'pill bad', text: t('overdue') }) : null, ' ', countdown(left)),
        el('td', { text: fmtTime(c.received_at) })));
    }
    if (!r.cases.length) table.append(el('tr', {}, el('td', { colspan: 7, text: t('no_cases') })));
  };
  main.append(el('div', { class: 'card row' }, field(t('state'), state), el('label', {}, overdue, ' ' + t('overdue_only'))),
    el('div', { class: 'card table-wrap' }, el('table', { id: 'case-table' }, el('thead', {}, el('tr', {}, ...['#', 'kind', 'state', 'venue', 'level', 'deadline', 'received'].map(k => el('th', { text: t('col_' + k) })))), table)));
  refresh();
}
async function caseView(main, id) {
  const c = await guard(() => api('GET', '/cases/' + id));
  if (!c) return;
  const src = await guard(() => api('GET', `/cases/${id}/source`)) || {};
  const contact = el('span', { id: 'contact', text: c.contact ? `${c.contact.name || ''} ${c.contact.phone || ''}` : '—' });
  main.append(el('div', { class: 'card', id: 'case-detail', 'data-state': c.state },
    el('h2', { text: `#${c.id} ${t('kind_' + c.kind)} ${c.tracking_no || ''}` }),
    el('p', {}, el('span', { class: 'pill', id: 'case-state', text: t('st_' + c.state) }), ' ', c.overdue ? el('span', { class: 'pill bad', text: t('overdue') }) : null,
      c.appeal ? el('span', { class: 'pill warn', text: t('appeal_' + c.appeal) }) : null),
    el('p', { class: 'muted', text: `${t('venue')}: ${venueName(c.venue_id)} · ${t('unit')}: ${c.unit} · ${t('level')}: ${c.level || '—'}` }),
    el('p', { class: 'muted', text: `${t('callback_due')}: ${fmtTime(c.callback_due)} (${countdown(c.callback_seconds_left)}) · ${t('close_due')}: ${fmtTime(c.close_due)} (${countdown(c.close_seconds_left)})` }),
    src.category ? el('p', { class: 'muted', text: t('category') + ': ' + src.category }) : null,
    src.reasons && src.reasons.length ? el('p', { class: 'muted', text: t('reasons') + ': ' + src.reasons.join(', ') }) : null,
    el('h3', { text: t('visitor_text') }), el('div', { class: 'usertext', id: 'case-text', text: src.text || '—' }),
    el('p', {}, t('contact') + ': ', contact),
    c.outcome ? el('p', {}, t('outcome') + ': ', el('span', { class: 'usertext', text: c.outcome })) : null,
    el('h3', { text: t('steps') }),
    el('ol', { class: 'steps' }, ...(c.steps || []).map(s => el('li', { text: `${fmtTime(s.at)} ${s.actor} ${s.action} ${s.from}→${s.to} ${s.note || ''}` })))));
  const actions = el('div', { class: 'card', id: 'case-actions' }, el('h3', { text: t('actions') }));
  for (const a of c.allowed_actions) {
    if (a === 'appeal-decision' && me.role !== 'bureau') continue;
    if (a === 'reopen' && me.role !== 'bureau') continue;
    const inputs = {};
    const form = el('form', { class: 'action', 'data-action': a, onsubmit: async (ev) => {
      ev.preventDefault();
      const body = {};
      for (const [k, node] of Object.entries(inputs)) {
        if (node.type === 'checkbox') body[k] = node.checked; else if (node.value !== '') body[k] = node.value;
      }
      const r = await guard(() => api('POST', `/cases/${id}/${a}`, body));
      if (!r) return;
      if (a === 'reveal-contact') { contact.textContent = `${r.contact.name || ''} ${r.contact.phone || ''}`; contact.id = 'contact-revealed'; toast(t('revealed_audited')); return; }
      toast(t('saved')); route();
    } });
    for (const [name, kind, ph] of ACTION_FIELDS[a] || []) {
      let node;
      if (Array.isArray(kind)) node = el('select', { name }, ...kind.map(o => el('option', { value: o }, t('opt_' + o))));
      else if (kind === 'textarea') node = el('textarea', { name, placeholder: ph || '' });
      else if (kind === 'bool') node = input({ type: 'checkbox', name, checked: true });
      else node = input({ type: kind, name, placeholder: ph || '' });
      inputs[name] = node;
      form.append(kind === 'bool' ? el('label', {}, node, ' ' + t('f_' + name)) : field(t('f_' + name), node));
    }
    form.append(el('button', { type: 'submit', 'data-submit': a }, t('act_' + a)));
    actions.append(el('details', { 'data-action': a }, el('summary', { text: t('act_' + a) }), form));
  }
  main.append(actions, el('a', { href: '#/cases', text: '← ' + t('tab_cases') }));
}

// ---------- bureau ----------
async function dashboardView(main) {
  const period = month(0);
  const grid = el('div', { class: 'grid' });
  main.append(el('p', { class: 'muted', text: t('period') + ' ' + period }), grid);
  const card = (id, title) => { const c = el('div', { class: 'card', id }, el('h3', { text: title })); grid.append(c); return c; };
  const trend = card('chart-trend', t('ch_trend')); const badBy = card('chart-bad', t('ch_bad_by_venue'));
  const heat = card('chart-heat', t('ch_heat')); const rates = card('chart-rates', t('ch_rates'));
  const over = card('chart-overdue', t('ch_overdue')); const crowd = card('chart-crowd', t('ch_crowd'));
  const months = [5, 4, 3, 2, 1, 0].map(month);
  const metrics = await Promise.all(months.map(p => api('GET', '/stats?period=' + p).catch(() => null)));
  trend.append(lineChart(months.map((m, i) => ({ label: m.slice(5), value: metrics[i] && metrics[i].ratings ? metrics[i].satisfaction_rate : null })), { max: 1, pct: true }));
  const cur = metrics[5];
  if (cur) rates.append(targetBars([{ label: t('callback_rate'), value: cur.callback_rate }, { label: t('rectification_rate'), value: cur.rectification_rate }]),
    el('p', { class: 'muted', text: `${t('named_bad_cases')}: ${cur.named_bad_cases}` }));
  const byVenue = await guard(() => api('GET', `/stats?period=${period}&group_by=venue`));
  if (byVenue) {
    const rows = byVenue.groups.map(g => ({ label: loc(g.name), value: g.metrics.bad })).filter(r => r.value > 0).sort((a, b) => b.value - a.value).slice(0, 10);
    badBy.append(rows.length ? barChart(rows) : el('p', { class: 'muted', text: t('no_data') }));
  }
  const hw = await guard(() => api('GET', `/stats?period=${period}&group_by=hour_weekday`));
  if (hw) heat.append(heatMap(hw.groups));
  const od = await guard(() => api('GET', '/cases?overdue=true'));
  if (od) {
    over.append(el('p', { class: 'big', id: 'overdue-count', text: String(od.cases.length) }));
    for (const c of od.cases.slice(0, 8)) over.append(el('div', {}, el('a', { href: '#/cases/' + c.id, text: `#${c.id} ${venueName(c.venue_id)} ${countdown(c.close_seconds_left ?? c.callback_seconds_left)}` })));
  }
  await loadVenues();
  const levels = ['comfortable', 'busy', 'crowded', 'full'];
  crowd.append(el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, el('tr', {}, el('th', { text: t('district') }), ...levels.map(l => el('th', { text: t('lvl_' + l) })))),
    el('tbody', {}, ...districts.map(d => el('tr', {}, el('td', { text: loc(d.name) }), ...levels.map(l => {
      const n = venues.filter(v => v.district === d.id && v.occupancy && v.occupancy.level === l).length;
      return el('td', {}, n ? el('span', { class: 'pill ' + (l === 'full' ? 'bad' : l === 'crowded' ? 'warn' : 'ok'), text: String(n) }) : '0');
    })))))));
}
async function suspectView(main) {
  const r = await guard(() => api('GET', '/ratings/suspect'));
  if (!r) return;
  const body = el('tbody');
  for (const s of r.ratings) {
    body.append(el('tr', { 'data-rating': s.id }, el('td', { text: s.id.slice(0, 8) }), el('td', { text: `${s.subject.kind} ${s.subject.id}` }), el('td', { text: s.level }),
      el('td', { text: s.kiosk_id || '—' }), el('td', { text: fmtTime(s.received_at) }), el('td', { text: s.reasons }),
      el('td', {}, ...['genuine', 'abusive'].map(v => el('button', { class: v === 'abusive' ? 'danger' : 'secondary', onclick: async () => {
        if (await guard(() => api('POST', `/ratings/${s.id}/review`, { verdict: v }))) route();
      } }, t('verdict_' + v))))));
  }
  if (!r.ratings.length) body.append(el('tr', {}, el('td', { colspan: 7, text: t('no_suspect') })));
  main.append(el('div', { class: 'card table-wrap' }, el('table', {}, el('thead', {}, el('tr', {}, ...['id', 'subject', 'level', 'kiosk', 'received', 'reasons', ''].map(k => el('th', { text: k ? t('col_' + k) : '' })))), body)));
}
async function kiosksView(main) {
  const r = await guard(() => api('GET', '/kiosks'));
  if (!r) return;
  const body = el('tbody');
  for (const k of r.kiosks) {
    const hb = k.last_heartbeat || {};
    body.append(el('tr', { class: k.online ? '' : 'offline', 'data-kiosk': k.id },
      el('td', { text: k.id }), el('td', { text: k.name }), el('td', { text: k.district || '—' }),
      el('td', {}, el('span', { class: 'pill ' + (k.online ? 'ok' : 'bad'), text: k.online ? t('online') : (k.revoked ? t('revoked') : t('offline')) })),
      el('td', { text: fmtTime(hb.received_at) }), el('td', { text: hb.outbox_depth ?? '—' }), el('td', { text: hb.version || '—' }), el('td', { text: fmtTime(hb.last_sync_at) })));
  }
  main.append(el('p', { class: 'muted', text: t('offline_after', { s: r.offline_after_s }) }),
    el('div', { class: 'card table-wrap' }, el('table', { id: 'kiosk-table' }, el('thead', {}, el('tr', {}, ...['id', 'name', 'district', 'status', 'heartbeat', 'outbox', 'version', 'last_sync'].map(k => el('th', { text: t('col_' + k) })))), body)));
}
async function noticesView(main) {
  const f = { severity: el('select', { id: 'n-severity' }, ...['info', 'warning', 'emergency'].map(s => el('option', { value: s }, t('sev_' + s)))),
    kind: el('select', { id: 'n-kind' }, ...['all', 'district', 'venue'].map(s => el('option', { value: s }, t('target_' + s)))),
    target: el('select', { id: 'n-target' }), zh: el('textarea', { id: 'n-zh' }), en: el('textarea', { id: 'n-en' }), ko: el('textarea', { id: 'n-ko' }),
    ends: input({ type: 'datetime-local', id: 'n-ends', value: localInput(new Date(Date.now() + 6 * 3600e3).toISOString()) }) };
  const fillTargets = () => {
    clear(f.target);
    const items = f.kind.value === 'district' ? districts.map(d => [d.id, loc(d.name)]) : f.kind.value === 'venue' ? venues.map(v => [String(v.id), loc(v.name)]) : [];
    for (const [id, name] of items) f.target.append(el('option', { value: id }, name));
    f.target.disabled = !items.length;
  };
  f.kind.addEventListener('change', fillTargets); fillTargets();
  const list = el('div', { id: 'notice-list' });
  const refresh = async () => {
    const r = await guard(() => api('GET', '/notices'));
    clear(list);
    for (const n of (r ? r.notices : [])) list.append(el('div', { class: 'card', 'data-notice': n.id },
      el('span', { class: 'pill ' + (n.severity === 'emergency' ? 'bad' : n.severity === 'warning' ? 'warn' : ''), text: t('sev_' + n.severity) }), ' ',
      el('span', { text: loc(n.text) }), el('div', { class: 'muted', text: `${n.target.kind} ${n.target.id || ''} · ${fmtTime(n.starts_at)} – ${fmtTime(n.ends_at)} · ${n.issued_by}` }),
      el('button', { class: 'secondary', onclick: async () => { if (await guard(() => api('POST', `/notices/${n.id}/expire`))) refresh(); } }, t('expire'))));
  };
  main.append(el('form', { class: 'card', id: 'notice-form', onsubmit: async (ev) => {
    ev.preventDefault();
    const target = f.kind.value === 'all' ? { kind: 'all' } : { kind: f.kind.value, id: f.kind.value === 'venue' ? Number(f.target.value) : f.target.value };
    const body = { severity: f.severity.value, target, text: { zh: f.zh.value, en: f.en.value, ko: f.ko.value }, ends_at: toApiTime(f.ends.value) };
    if (await guard(() => api('POST', '/notices', body))) { toast(t('sent')); refresh(); }
  } }, el('h2', { text: t('compose_notice') }), el('div', { class: 'row' }, field(t('severity'), f.severity), field(t('target'), f.kind), field('', f.target), field(t('ends_at'), f.ends)),
    field('中文', f.zh), field('English', f.en), field('한국어', f.ko), el('button', { type: 'submit' }, t('send'))), list);
  refresh();
}
async function reportsView(main) {
  const p = input({ type: 'month', id: 'r-period', value: month(1) });
  const d = el('select', { id: 'r-district' }, ...districts.map(x => el('option', { value: x.id }, loc(x.name))));
  const links = el('div');
  const draw = () => {
    clear(links);
    for (const [k, href] of [['venues_csv', `/api/v1/reports/venues.csv?period=${p.value}`], ['cases_csv', `/api/v1/reports/cases.csv?period=${p.value}`],
      ['monthly', `/api/v1/reports/monthly.html?period=${p.value}&district=${encodeURIComponent(d.value)}`], ['public_results', `/results?period=${p.value}`]])
      links.append(el('p', {}, el('a', { href, target: '_blank', rel: 'noopener', id: 'link-' + k, text: t('rep_' + k) })));
  };
  p.addEventListener('change', draw); d.addEventListener('change', draw); draw();
  main.append(el('div', { class: 'card' }, el('div', { class: 'row' }, field(t('period'), p), field(t('district'), d)), links));
}
async function usersView(main) {
  const r = await guard(() => api('GET', '/users'));
  const f = { login: input({ id: 'u-login' }), name: input({ id: 'u-name' }), role: el('select', { id: 'u-role' }, ...['venue_staff', 'bureau', 'admin'].map(x => el('option', { value: x }, t('role_' + x)))),
    venues: input({ id: 'u-venues', placeholder: '1,2' }), password: input({ id: 'u-password', type: 'password', minlength: 10 }) };
  main.append(el('form', { class: 'card', onsubmit: async (ev) => {
    ev.preventDefault();
    const body = { login: f.login.value, display_name: f.name.value, role: f.role.value, password: f.password.value };
    if (f.role.value === 'venue_staff') body.venues = f.venues.value.split(',').map(Number).filter(Boolean);
    if (await guard(() => api('POST', '/users', body))) { toast(t('saved')); route(); }
  } }, el('h2', { text: t('new_user') }), el('div', { class: 'row' }, field(t('login'), f.login), field(t('name'), f.name), field(t('role'), f.role), field(t('venues'), f.venues), field(t('password'), f.password)),
    el('button', { type: 'submit' }, t('create'))));
  if (r) main.append(el('div', { class: 'card table-wrap' }, el('table', {}, el('tbody', {}, ...r.users.map(u => el('tr', {}, el('td', { text: u.login }), el('td', { text: u.display_name }),
    el('td', { text: t('role_' + u.role) }), el('td', { text: (u.venues || []).join(',') }), el('td', { text: u.disabled ? t('disabled') : '' })))))));
}
async function devicesView(main) {
  const r = await guard(() => api('GET', '/devices'));
  if (!r) return;
  main.append(el('div', { class: 'card table-wrap' }, el('table', {}, el('tbody', {}, ...r.devices.map(d => el('tr', { class: d.revoked ? 'offline' : '' },
    el('td', { text: d.id }), el('td', { text: d.kind }), el('td', { text: d.name }), el('td', { text: d.district || d.venue_id || '' }),
    el('td', {}, d.revoked ? t('revoked') : el('button', { class: 'danger', onclick: async () => { if (confirm(t('confirm_revoke'))) { await guard(() => api('POST', `/devices/${d.id}/revoke`)); route(); } } }, t('revoke')))))))));
}

// ---------- routing ----------
const VIEWS = { venues: venuesView, events: eventsView, occupancy: occupancyView, cases: casesView, dashboard: dashboardView,
  suspect: suspectView, kiosks: kiosksView, notices: noticesView, reports: reportsView, users: usersView, devices: devicesView };
async function loadVenues() {
  const r = await api('GET', '/venues');
  venues = r.venues; districts = r.districts;
}
async function route() {
  document.documentElement.lang = getLang();
  document.title = t('app_title');
  if (!me) return loginView();
  const [, name, id] = (location.hash || '').replace(/^#\/?/, '/').split('/');
  const tabs = TABS[me.role];
  const view = tabs.includes(name) ? name : tabs[0];
  const main = layout(view);
  if (view === 'cases' && id) return caseView(main, id);
  await VIEWS[view](main);
}
async function start() {
  try { me = await api('GET', '/auth/me'); if (me.kind !== 'user') me = null; } catch { me = null; }
  if (me) await guard(loadVenues);
  route();
}
window.addEventListener('hashchange', route);
start();
