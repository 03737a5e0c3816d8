// The clerk's desk in a real browser: headless Debian chromium driven by playwright-core, against a
// real `vanthu serve` on loopback with its own data directory and accounts made by `vanthu account`.
//
//   VANTHU_BIN=build/bin/vanthu VANTHU_ARTIFACTS=build/test-artifacts/desk node --test tests/node/desk.test.mjs
//
// Screenshots of the main pages are written to VANTHU_ARTIFACTS (kept by CI as artefacts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const bin = process.env.VANTHU_BIN;
const artifacts = process.env.VANTHU_ARTIFACTS || join(tmpdir(), 'vanthu-desk-artifacts');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
assert.ok(bin, 'VANTHU_BIN must name the vanthu binary');
mkdirSync(artifacts, { recursive: true });

const dataDir = mkdtempSync(join(tmpdir(), 'vanthu-desk-'));
const passwords = { officer: 'van-thu-hai-an-2026', clerk: 'can-bo-hai-an-2026', other: 'can-bo-le-chan-2026', admin: 'quan-tri-hai-an-2026' };
let server, base, browser;

// The machine runs the other suites beside this one (ctest -j): a step waits up to 90 s, far
// beyond what it takes, and the whole file is bounded by ctest's TIMEOUT.
const stepTimeout = 90_000;

async function newContext(options = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(stepTimeout);
  return context;
}

// A page in a context of its own; browser.close() in after() closes the contexts.
async function newPage() {
  return (await newContext()).newPage();
}

function account(user, name, agency, role, password) {
  const r = spawnSync(bin, ['account', 'create', `--user=${user}`, `--name=${name}`, `--agency=${agency}`, `--role=${role}`,
    '--password-file=-', `--data-dir=${dataDir}`], { input: password + '\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitReady(url, ms = 60000) {
  const until = Date.now() + ms;
  for (;;) {
    try { if ((await fetch(url + '/readyz')).status === 200) return; } catch { /* not yet */ }
    if (Date.now() > until) throw new Error('server not ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  account('vanthu.haian', 'Trần Thị Văn Thư', 'hai-an', 'records_officer', passwords.officer);
  account('canbo.haian', 'Nguyễn Văn Cán Bộ', 'hai-an', 'clerk', passwords.clerk);
  account('canbo.lechan', 'Lê Văn Khác', 'le-chan', 'clerk', passwords.other);
  account('quantri.haian', 'Phạm Quản Trị', 'hai-an', 'admin', passwords.admin);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ['serve', `--port=${port}`, `--data-dir=${dataDir}`, '--secure-cookies=false', '--pdf-workers=1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  // The server's log goes to the artefacts as it comes (a pipe nobody read would stop the server
  // once full), so it is there even when ctest's TIMEOUT ends the run before after().
  server.stderr.pipe(createWriteStream(join(artifacts, 'server.log')));
  await waitReady(base);
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page, user, password) {
  await page.goto(base + '/');
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Văn bản của cơ quan' }).waitFor();
}

// The text of a DOCX's body, read with Python's zipfile (the test needs no zip library of its own).
function docxText(bytes) {
  const file = join(dataDir, 'download.docx');
  writeFileSync(file, bytes);
  const r = spawnSync('python3', ['-c', 'import re,sys,zipfile;x=zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode();'
    + 'print(re.sub(r"<[^>]+>","",re.sub(r"</w:p>","\\n",x)))', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('an anonymous visitor gets the sign-in page, and the API answers 401', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.screenshot({ path: join(artifacts, 'sign-in.png') });
  const r = await fetch(base + '/v1/documents?agency=hai-an');
  assert.equal(r.status, 401);
  await page.close();
});

test('keyboard only, on a phone: sign in with Tab and Enter, reach every page of the menu', async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  // The name field has the focus; Tab moves to the password, Enter submits.
  await page.keyboard.type('vanthu.haian');
  await page.keyboard.press('Tab');
  await page.keyboard.type(passwords.officer);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Văn bản của cơ quan' }).waitFor();
  // Every control is reachable and labelled: each input of the new-report page has a label.
  await page.goto(base + '/desk/#/new');
  await page.getByRole('button', { name: 'Tạo dự thảo' }).waitFor();
  const unlabelled = await page.$$eval('input, select, textarea', (nodes) =>
    nodes.filter((n) => !n.labels || n.labels.length === 0).map((n) => n.outerHTML));
  assert.deepEqual(unlabelled, []);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(wide, false, 'no sideways scrolling on a phone');
  await page.screenshot({ path: join(artifacts, 'phone-new-report.png') });
  await context.close();
});

test('a wrong password is shown at the form, and nothing is signed in', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.getByLabel('Tên đăng nhập').fill('canbo.haian');
  await page.getByLabel('Mật khẩu').fill('not-the-password');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
  assert.equal(await page.getByLabel('Mật khẩu').getAttribute('aria-invalid'), 'true');
  await page.close();
});

test('a records officer prepares a weekly report, fixes a field, previews, issues it and finds it in the register', async () => {
  const context = await newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, 'vanthu.haian', passwords.officer);
  await page.screenshot({ path: join(artifacts, 'documents.png') });

  // The first weekly report of the agency starts from the report type's example.
  await page.getByRole('link', { name: 'Soạn báo cáo', exact: true }).click();
  await page.getByLabel('Loại báo cáo').selectOption('nq57-weekly');
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await page.getByText('Dữ liệu hợp lệ').waitFor();

  // A figure typed wrong: its problem appears under that field, from the server's own validation.
  const received = page.getByLabel('Tổng số hồ sơ tiếp nhận');
  await received.fill('một nghìn');
  const error = page.locator('[data-path="/digital_transformation/public_services/applications_received"] .error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /số nguyên|integer/i);
  assert.equal(await received.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('button', { name: 'Cấp số và ban hành' }).isDisabled(), true);
  await page.screenshot({ path: join(artifacts, 'form-with-error.png'), fullPage: false });
  await received.fill('1507');
  await page.getByText('Dữ liệu hợp lệ').waitFor();
  assert.equal(await error.isVisible(), false);

  // Preview: the document as the agency would issue it, a PDF from the server's LibreOffice pool.
  await page.getByRole('button', { name: /Xem trước/ }).click();
  const frame = page.locator('iframe.preview');
  await frame.waitFor();
  assert.equal(await frame.getAttribute('data-type'), 'application/pdf');

  // DOCX before issuing.
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải DOCX' }).click()]);
  const text = docxText(readFileSync(await docx.path()));
  assert.match(text, /1\.507/);

  // Issue it: number 01 of the year in the register of the issuing body.
  // The desk asks before numbering. Answered in the page, not through Playwright's dialog event:
  // on a loaded machine Chromium once had no dialog left to accept and the issue never ran.
  await page.evaluate(() => {
    window.confirm = (message) => {
      window.vanthuAsked = message;
      return true;
    };
  });
  await page.getByRole('button', { name: 'Cấp số và ban hành' }).click();
  await page.getByText('Đã ban hành', { exact: true }).waitFor();
  assert.match(await page.evaluate(() => window.vanthuAsked), /^Cấp số vào sổ văn bản đi và ban hành/);
  const number = await page.locator('dd').first().textContent();
  assert.match(number, /^01\//);

  // The issued file (PDF/A with its empty signature field, the default), downloaded again, holds its number.
  const [issued] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải văn bản đã ban hành' }).click()]);
  const pdf = readFileSync(await issued.path());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const issuedText = spawnSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }).stdout;
  assert.ok(issuedText.includes('Số: ' + number), 'the issued PDF carries its number');
  const file = join(dataDir, 'issued.pdf');
  writeFileSync(file, pdf);
  const fields = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  assert.match(fields.stdout + fields.stderr, /not signed/, 'the empty signature field is there');

  // Next week's report starts from this one: the period moves on by a week, the week's figures are cleared.
  await page.getByRole('link', { name: 'Soạn báo cáo', exact: true }).click();
  await page.getByLabel('Loại báo cáo').selectOption('nq57-weekly');
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await page.getByText('Dự thảo lấy từ báo cáo kỳ trước').waitFor();
  assert.equal(await page.getByLabel('Tổng số hồ sơ tiếp nhận').inputValue(), '');
  const from = await page.getByLabel('Ngày bắt đầu kỳ báo cáo').inputValue();
  assert.match(from, /^\d{2}\/\d{2}\/\d{4}$/);
  await page.screenshot({ path: join(artifacts, 'form-from-previous-week.png') });

  // A monthly dispatch from the previous month: last month's figures come from the stored report,
  // this month's are cleared, the period moves on by a month.
  await page.getByRole('link', { name: 'Soạn báo cáo', exact: true }).click();
  await page.getByLabel('Loại báo cáo').selectOption('dean06-monthly');
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await page.locator('.form').waitFor();
  const april = (await (await page.request.get(base + '/v1/documents?agency=hai-an&report_type=dean06-monthly&limit=1')).json()).documents[0];
  await page.getByRole('link', { name: 'Soạn báo cáo', exact: true }).click();
  await page.getByLabel('Loại báo cáo').selectOption('dean06-monthly');
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await page.getByText('Dự thảo lấy từ báo cáo kỳ trước').waitFor();
  const may = (await (await page.request.get(base + '/v1/documents?agency=hai-an&report_type=dean06-monthly&limit=1')).json()).documents[0];
  assert.notEqual(may.id, april.id);
  assert.equal(may.input.period.month, april.input.period.month === 12 ? 1 : april.input.period.month + 1);
  assert.deepEqual(may.input.administrative_reform.previous_month.applications, april.input.administrative_reform.applications);
  assert.equal(may.input.administrative_reform.applications, undefined);
  assert.equal(Number(may.input.period.from.slice(8)), Number(april.input.period.from.slice(8)));

  // The register lists the issued document.
  await page.getByRole('link', { name: 'Sổ văn bản đi' }).click();
  await page.getByRole('link', { name: number }).waitFor();
  await page.screenshot({ path: join(artifacts, 'register.png') });
  await context.close();
});

test("a clerk of another ward sees none of this ward's drafts, templates or register (403)", async () => {
  const context = await newContext();
  const page = await context.newPage();
  await signIn(page, 'canbo.lechan', passwords.other);
  const list = await page.request.get(base + '/v1/documents?agency=hai-an');
  assert.equal(list.status(), 403);
  const register = await page.request.get(base + '/v1/registers/hai-an/2026');
  assert.equal(register.status(), 403);
  const templates = await page.request.get(base + '/v1/report-types/nq57-weekly/templates/hai-an');
  assert.equal(templates.status(), 403);
  // Its own list is empty: the other ward's documents are not in it.
  const own = await page.request.get(base + '/v1/documents?agency=le-chan');
  assert.equal(own.status(), 200);
  assert.equal((await own.json()).documents.length, 0);
  // A write without the session's CSRF token is refused even with the cookie.
  const forged = await page.request.post(base + '/v1/documents', { data: { report_type: 'nq57-weekly', agency: 'le-chan', input: {} } });
  assert.equal(forged.status(), 403);
  await context.close();
});

test('a clerk cannot issue: the button is not offered and the API refuses', async () => {
  const context = await newContext();
  const page = await context.newPage();
  await signIn(page, 'canbo.haian', passwords.clerk);
  const session = await (await page.request.get(base + '/v1/session')).json();
  const list = await (await page.request.get(base + '/v1/documents?agency=hai-an')).json();
  const draft = list.documents.find((d) => d.state === 'draft' && d.report_type === 'nq57-weekly');
  assert.ok(draft, 'the officer left a draft');
  await page.goto(base + '/desk/#/doc/' + draft.id);
  await page.getByRole('button', { name: 'Tải DOCX' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cấp số và ban hành' }).isVisible(), false);

  // Text pasted from an old TCVN3 document comes in as Unicode, with a notice.
  const subject = page.getByLabel('Trích yếu (tên báo cáo)');
  await subject.fill('');
  await subject.evaluate((node) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'B¸o c¸o kÕt qu¶ thùc hiÖn NghÞ quyÕt sè 57-NQ/TW');
    node.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.getByText('TCVN3 (ABC) sang Unicode').waitFor();
  assert.equal(await subject.inputValue(), 'Báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW');
  const refused = await page.request.post(`${base}/v1/documents/${draft.id}:issue`, { data: {}, headers: { 'X-CSRF-Token': session.csrf } });
  assert.equal(refused.status(), 403);
  await context.close();
});

test('an administrator makes an API token for a system, copies it once, and revokes it', async () => {
  const page = await newPage();
  await signIn(page, 'quantri.haian', passwords.admin);
  await page.getByRole('link', { name: 'Mã truy cập' }).click();
  await page.getByRole('heading', { name: 'Mã truy cập cho hệ thống khác' }).waitFor();
  await page.getByLabel('Tên hệ thống (ví dụ: e-office phường)').fill('e-office Hải An');
  await page.getByRole('button', { name: 'Tạo mã' }).click();
  const box = page.locator('#token-secret');
  await box.waitFor();
  const secret = await box.inputValue();
  assert.match(secret, /^vt_[A-Za-z0-9_-]{43}$/);
  const sample = readFileSync(new URL('../../samples/nq57-weekly/hai-an-2026-02-11.json', import.meta.url));
  const render = () => fetch(base + '/v1/report-types/nq57-weekly/documents?agency=hai-an',
    { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + secret }, body: sample });
  assert.equal((await render()).status, 200, 'the new token renders for its ward');
  // Listed by name, without the secret: the listing API never returns it.
  await page.getByRole('cell', { name: 'e-office Hải An', exact: true }).waitFor();
  const listed = await page.evaluate(async () => (await fetch('/v1/tokens')).text());
  assert.ok(!listed.includes(secret), 'the list holds no secret');
  await page.screenshot({ path: join(artifacts, 'tokens.png') });
  await page.getByRole('button', { name: 'Thu hồi mã e-office Hải An' }).click();
  await page.getByText(/Đã thu hồi mã tk_/).waitFor();
  assert.equal((await render()).status, 401, 'a revoked token is refused');
  await page.close();
});

test('a clerk is not offered the tokens page and the API refuses', async () => {
  const page = await newPage();
  await signIn(page, 'canbo.haian', passwords.clerk);
  assert.equal(await page.getByRole('link', { name: 'Mã truy cập' }).isVisible(), false);
  const status = await page.evaluate(async () => (await fetch('/v1/tokens')).status);
  assert.equal(status, 403);
  await page.close();
});
