// Browser tests of the Yeyou console and public pages.
//
// Starts a real yeyou-server on a free loopback port with a fresh seeded
// database, creates accounts with known passwords and a kiosk through the CLI,
// drives Debian's /usr/bin/chromium (never a downloaded browser) with
// playwright-core, saves screenshots to out/web/, and stops the server.
//
//   node run.mjs [--bin DIR] [--out DIR]
//
// Exit 0 when every flow passes, 1 otherwise.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const argv = process.argv.slice(2);
const opt = (name, def) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : def; };
const binDir = path.resolve(opt('--bin', path.join(repo, 'build/bin')));
const outDir = path.resolve(opt('--out', path.join(repo, 'out/web')));
const serverBin = path.join(binDir, 'yeyou-server');
const kioskBin = path.join(binDir, 'yeyou-kiosk');
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = { staff: 'staff-pass-0123', bureau: 'bureau-pass-0123', admin: 'admin-pass-0123' };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyou-web-'));
const db = path.join(tmp, 'yeyou.db');
fs.mkdirSync(outDir, { recursive: true });

let failures = 0;
const results = [];
async function flow(name, fn) {
  const t0 = Date.now();
  try { await fn(); results.push(`ok    ${name} (${Date.now() - t0} ms)`); }
  catch (e) { failures++; results.push(`FAIL  ${name}: ${e.stack || e}`); }
  console.log(results[results.length - 1]);
}
function assert(cond, msg) { if (!cond) throw new Error('assertion failed: ' + msg); }

function cli(args, input) {
  const r = spawnSync(serverBin, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`yeyou-server ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

// ---------- server ----------
cli(['seed-demo', '--db', db]);
cli(['user', 'add', '--db', db, '--login', 'webstaff', '--role', 'venue_staff', '--venues', '1', '--name', '测试员工', '--password-stdin'], PASSWORD.staff + '\n');
cli(['user', 'add', '--db', db, '--login', 'webbureau', '--role', 'bureau', '--name', '测试文旅局', '--password-stdin'], PASSWORD.bureau + '\n');
cli(['user', 'add', '--db', db, '--login', 'webadmin', '--role', 'admin', '--name', 'Admin', '--password-stdin'], PASSWORD.admin + '\n');

const server = spawn(serverBin, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
const serverLog = fs.createWriteStream(path.join(outDir, 'server.log'));
const BASE = await new Promise((resolve, reject) => {
  let buf = '';
  const timer = setTimeout(() => reject(new Error('server did not start: ' + buf)), 15000);
  server.stderr.on('data', (d) => {
    serverLog.write(d);
    buf += d;
    const m = buf.match(/listening on (http:\/\/[0-9.]+:\d+)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on('exit', (code) => reject(new Error('server exited with ' + code + ': ' + buf)));
});
server.stderr.on('data', (d) => serverLog.write(d));
console.log('server at', BASE, 'db', db);

async function apiCall(method, p, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const res = await fetch(BASE + '/api/v1' + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null; try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { status: res.status, data };
}

const venues = (await apiCall('GET', '/venues')).data;
const venue1 = venues.venues.find(v => v.id === 1);
const kiosk = JSON.parse(cli(['kiosk', 'add', '--db', db, '--name', 'Web test kiosk', '--district', venue1.district, '--json']));

// ---------- browser ----------
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  // launch() gives every run a fresh temporary profile (user-data-dir).
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const dialogs = [];
const consoleErrors = [];
async function newPage(viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  return { context, page };
}
async function login(page, who) {
  await page.goto(BASE + '/console/');
  await page.fill('#login', 'web' + who);
  await page.fill('#password', PASSWORD[who]);
  await page.click('#login-submit');
  await page.waitForSelector('#whoami');
}
const shots = [];
async function screenshot(page, name) {
  for (const [tag, vp] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1366, height: 900 }]]) {
    await page.setViewportSize(vp);
    await page.waitForTimeout(150);
    const file = path.join(outDir, `${name}-${tag}.png`);
    await page.screenshot({ path: file, fullPage: true });
    shots.push(file);
  }
}

const XSS_TITLE = '<img src=x onerror=alert("event")>夜游测试';
const XSS_TEXT = '<script>alert("complaint")</script><img src=x onerror=alert(1)> 排队太久';
const { context: staffCtx, page: staff } = await newPage();
let complaintCaseId = null;
const tracking = 'K1-WEBTEST-0001';

try {
  await flow('security headers: CSP without inline script on HTML, frame and referrer policy', async () => {
    const res = await fetch(BASE + '/console/');
    const csp = res.headers.get('content-security-policy') || '';
    assert(csp.includes("script-src 'self'") && !csp.includes('unsafe-inline') && csp.includes("frame-ancestors 'none'"), 'CSP: ' + csp);
    assert(res.headers.get('x-frame-options') === 'DENY', 'X-Frame-Options');
    assert(res.headers.get('referrer-policy') === 'no-referrer', 'Referrer-Policy');
    assert(res.headers.get('content-type').startsWith('text/html'), 'content type');
    const js = await fetch(BASE + '/static/js/common.js');
    assert(js.headers.get('content-type').startsWith('text/javascript'), 'js content type');
    for (const p of ['/static/../config/server.toml', '/static/js/', '/static/%2e%2e/CMakeLists.txt', '/static/js/../../../CMakeLists.txt'])
      assert((await fetch(BASE + p)).status === 404, 'no traversal or listing: ' + p);
  });

  await flow('staff logs in (cookie session) and creates an event; the kiosk sync has it', async () => {
    await screenshot(await (async () => { const { page } = await newPage(); await page.goto(BASE + '/console/'); await page.waitForSelector('#login'); return page; })(), 'login');
    await login(staff, 'staff');
    const cookies = await staffCtx.cookies();
    const session = cookies.find(c => c.name === 'yeyou_session');
    assert(session && session.httpOnly && session.sameSite === 'Strict', 'HttpOnly SameSite=Strict session cookie');
    await staff.goto(BASE + '/console/#/events');
    await staff.waitForSelector('#event-create');
    const day = new Date(Date.now() + 8 * 3600e3 + 2 * 86400e3).toISOString().slice(0, 10);
    await staff.fill('#ev-title-zh', XSS_TITLE);
    await staff.fill('#ev-title-en', 'Web test show');
    await staff.fill('#ev-start', day + 'T20:00');
    await staff.fill('#ev-end', day + 'T22:00');
    const [resp] = await Promise.all([staff.waitForResponse(r => r.url().endsWith('/venues/1/events') && r.request().method() === 'POST'), staff.click('#ev-submit')]);
    assert(resp.status() === 201, 'event created: ' + resp.status());
    const created = await resp.json();
    const title = staff.locator(`[data-event="${created.id}"] .event-title`);
    await title.waitFor();
    assert(await title.textContent() === XSS_TITLE, 'event title shown literally');
    assert(await staff.locator(`[data-event="${created.id}"] img`).count() === 0, 'no <img> element from the title');
    await screenshot(staff, 'staff-events');
    // A real kiosk syncs once, headless, and its cache holds the new event.
    const kioskDir = path.join(tmp, 'kiosk');
    const r = spawnSync(kioskBin, ['sync', '--once', '--server', BASE, '--token', kiosk.token, '--data-dir', kioskDir],
                        { encoding: 'utf8', timeout: 60000 });
    assert(r.status === 0, 'yeyou-kiosk sync --once exit ' + r.status + ': ' + (r.stderr || '').slice(0, 300));
    const q = spawnSync('sqlite3', [path.join(kioskDir, 'cache.db'),
                        `SELECT body FROM objects WHERE kind = 'event' AND id = '${created.id}'`], { encoding: 'utf8' });
    assert(q.status === 0 && q.stdout.trim().length > 0, 'the kiosk cache holds the new event');
    assert(JSON.parse(q.stdout.trim()).title.zh === XSS_TITLE, 'the cached event has the title as entered');
  });

  await flow('staff sets occupancy to 85% and the capacity warning appears', async () => {
    await staff.goto(BASE + '/console/#/occupancy');
    await staff.waitForSelector('#occ-set');
    const count = Math.ceil(venue1.capacity * 0.85);
    await staff.fill('#occ-set', String(count));
    await staff.click('#occ-set-submit');
    await staff.waitForSelector('#capacity-warning .banner[data-level="crowded"]');
    assert((await staff.textContent('#occ-count')) === String(count), 'count shown');
    await staff.click('#occ-plus');
    await staff.waitForFunction((n) => document.querySelector('#occ-count').textContent === String(n), count + 1);
    await screenshot(staff, 'staff-occupancy');
  });

  await flow('a complaint filed by a kiosk shows in the staff queue (XSS inert), is handled to closed, and /c/{tracking} shows it', async () => {
    const c = await apiCall('POST', '/complaints', { id: crypto.randomUUID(), tracking_no: tracking, subject: { kind: 'venue', id: '1' }, category: 'service',
      text: XSS_TEXT, contact: { name: '张三', phone: '13812345678' }, created_at: new Date().toISOString() }, kiosk.token);
    assert(c.status === 201, 'complaint stored: ' + JSON.stringify(c.data));
    await staff.goto(BASE + '/console/#/cases');
    const row = staff.locator(`tr[data-tracking="${tracking}"]`);
    await row.waitFor();
    complaintCaseId = await row.getAttribute('data-case');
    await screenshot(staff, 'staff-cases');
    await row.locator('a').click();
    await staff.waitForSelector('#case-text');
    assert(await staff.textContent('#case-text') === XSS_TEXT, 'complaint text shown literally');
    assert(await staff.locator('#case-detail script, #case-detail img').count() === 0, 'no elements from the complaint text');
    assert((await staff.textContent('#contact')).includes('****'), 'contact masked before reveal');
    await doAction(staff, 'reveal-contact', async (f) => f.locator('textarea[name=reason]').fill('回访需要联系投诉人'), false);
    await staff.waitForSelector('#contact-revealed');
    assert((await staff.textContent('#contact-revealed')).includes('13812345678'), 'revealed after an audited request');
    await doAction(staff, 'assign');
    await doAction(staff, 'callback', async (f) => f.locator('textarea[name=result]').fill('已电话联系，情况属实'));
    await doAction(staff, 'fix', async (f) => f.locator('textarea[name=result]').fill('已增加窗口'));
    await screenshot(staff, 'staff-case-detail');
    await doAction(staff, 'feedback', async (f) => f.locator('textarea[name=outcome]').fill('已增加售票窗口 <b>谢谢</b>'));
    await doAction(staff, 'close');
    assert(await staff.getAttribute('#case-detail', 'data-state') === 'closed', 'case closed');
    const { page: pub } = await newPage({ width: 390, height: 844 });
    await pub.goto(BASE + '/c/' + tracking);
    await pub.waitForSelector('#state');
    assert(await pub.getAttribute('#state', 'data-state') === 'closed', '/c shows closed');
    assert(await pub.textContent('#outcome') === '已增加售票窗口 <b>谢谢</b>', 'outcome shown literally');
    await screenshot(pub, 'public-complaint');
  });

  await flow('the bureau upholds an appeal and /results changes', async () => {
    const r = await apiCall('POST', '/ratings', { id: crypto.randomUUID(), subject: { kind: 'venue', id: '1' }, level: 5, reasons: ['staff_attitude'],
      comment: '<img src=x onerror=alert("rating")>', channel: 'kiosk', created_at: new Date().toISOString() }, kiosk.token);
    assert(r.status === 201, 'bad review stored');
    const { page: pub } = await newPage();
    const excludedNow = async () => {
      await pub.goto(BASE + '/results');
      const cell = pub.locator('#results-table tr[data-venue="1"] td').nth(4);
      await cell.waitFor();
      return Number(await cell.textContent());
    };
    const before = await excludedNow();
    // Staff appeal the bad review.
    await staff.goto(BASE + '/console/#/cases');
    await staff.waitForSelector('#case-table');
    const caseId = await staff.evaluate(async () => {
      const r = await fetch('/api/v1/cases?state=received'); const j = await r.json();
      return j.cases.filter(c => c.kind === 'bad_review' && c.venue_id === 1).sort((a, b) => b.id - a.id)[0].id;
    });
    await staff.goto(BASE + '/console/#/cases/' + caseId);
    await staff.waitForSelector('#case-detail');
    await doAction(staff, 'appeal', async (f) => { await f.locator('select[name=kind]').selectOption('malicious'); await f.locator('textarea[name=evidence]').fill('监控显示评价人未入园'); });
    // The bureau decides.
    const { context: bureauCtx, page: bureau } = await newPage();
    await login(bureau, 'bureau');
    await bureau.waitForSelector('#chart-crowd table');
    await screenshot(bureau, 'bureau-dashboard');
    await bureau.goto(BASE + '/console/#/cases/' + caseId);
    await bureau.waitForSelector('#case-detail');
    await doAction(bureau, 'appeal-decision', async (f) => { await f.locator('select[name=decision]').selectOption('upheld'); await f.locator('textarea[name=note]').fill('核实为恶意差评'); });
    const after = await excludedNow();
    assert(after === before + 1, `excluded reviews ${before} → ${after}`);
    await screenshot(pub, 'public-results');
    for (const tab of ['kiosks', 'notices', 'suspect', 'reports']) {
      await bureau.goto(BASE + '/console/#/' + tab);
      await bureau.waitForSelector('#view-' + tab + ' .card');
      await screenshot(bureau, 'bureau-' + tab);
    }
    await bureauCtx.close();
  });

  await flow('a rating through /r/{token} is accepted once, then refused', async () => {
    const link = await apiCall('POST', '/rating-links', { subject: { kind: 'venue', id: '1' } }, kiosk.token);
    assert(link.status === 201 && link.data.url.endsWith('/r/' + link.data.token), 'link issued');
    const { page } = await newPage({ width: 390, height: 844 });
    await page.goto(link.data.url);
    await page.waitForSelector('[data-level="2"]');
    await screenshot(page, 'public-rate');
    await page.click('[data-level="2"]');
    await page.fill('#comment', '<script>alert("r")</script>灯光很美');
    await page.click('#submit');
    await page.waitForSelector('#status.banner.ok');
    await page.reload();
    await page.waitForSelector('#status.banner.warn');
    const again = await apiCall('POST', `/public/rating-links/${link.data.token}/rating`, { level: 1 });
    assert(again.status === 409, 'second rating refused with 409, got ' + again.status);
    const info = await apiCall('GET', `/public/rating-links/${link.data.token}`);
    assert(info.data.used === true && info.data.valid === false, 'link marked used');
  });

  await flow('a cross-site form post with the session cookie is refused', async () => {
    const before = (await apiCall('GET', '/venues')).data.venues.find(v => v.id === 1).occupancy.count;
    const evil = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><form id=f method=POST action="${BASE}/api/v1/venues/1/occupancy" enctype="text/plain">
        <input name='{"count":0,"x":"' value='"}'></form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise(r => evil.listen(0, '127.0.0.1', r));
    try {
      const [resp] = await Promise.all([
        staff.waitForResponse(r => r.url().endsWith('/api/v1/venues/1/occupancy') && r.request().method() === 'POST'),
        staff.goto(`http://127.0.0.1:${evil.address().port}/`),
      ]);
      assert(resp.status() === 403 || resp.status() === 401, 'cross-site post refused, got ' + resp.status());
    } finally { evil.close(); }
    const after = (await apiCall('GET', '/venues')).data.venues.find(v => v.id === 1).occupancy.count;
    assert(after === before, `occupancy unchanged (${before} → ${after})`);
    // The same write from the console itself (cookie + CSRF header) works.
    await staff.goto(BASE + '/console/#/occupancy');
    await staff.waitForSelector('#occ-plus');
    const [ok] = await Promise.all([staff.waitForResponse(r => r.url().endsWith('/venues/1/occupancy')), staff.click('#occ-plus')]);
    assert(ok.status() === 200, 'console write with CSRF token accepted');
  });

  await flow('no script dialog fired anywhere (XSS payloads inert) and no page errors', async () => {
    assert(dialogs.length === 0, 'dialogs fired: ' + JSON.stringify(dialogs));
    const real = consoleErrors.filter(e => !/Failed to load resource/.test(e));
    assert(real.length === 0, 'page errors: ' + JSON.stringify(real));
  });
} finally {
  await browser.close().catch(() => {});
  server.kill('SIGTERM');
  await new Promise(r => { server.on('exit', r); setTimeout(r, 5000); });
  serverLog.end();
  fs.rmSync(tmp, { recursive: true, force: true });
}

// Runs a case action from the detail page and waits for the page to redraw.
async function doAction(page, action, fill, redraw = true) {
  const box = page.locator(`details[data-action="${action}"]`);
  await box.waitFor({ timeout: 10000 });
  await box.locator('summary').click();
  if (fill) await fill(box);
  const [resp] = await Promise.all([
    page.waitForResponse(r => r.url().includes(`/${action}`) && r.request().method() === 'POST'),
    box.locator(`button[data-submit="${action}"]`).click(),
  ]);
  if (resp.status() !== 200) throw new Error(`${action}: ${resp.status()} ${await resp.text()}`);
  if (redraw) await page.waitForFunction((a) => !document.querySelector(`details[data-action="${a}"][open]`), action);
  await page.waitForSelector('#case-detail');
}

console.log(`\n${results.length - failures}/${results.length} flows passed; ${shots.length} screenshots in ${outDir}`);
process.exit(failures ? 1 : 0);
