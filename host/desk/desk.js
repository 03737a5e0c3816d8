// Vanthu desk (trang làm việc của cán bộ, văn thư): a page over the HTTP API, in plain JavaScript.
// No framework and no build step: the desk is a few screens of forms and tables, and a page
// with no dependencies has nothing to pin, audit or fetch from the internet. Every datum comes
// from /v1/… with the session cookie; every write sends the session's CSRF token.
'use strict';

const view = document.getElementById('view');
const statusLine = document.getElementById('status');
const state = { account: null, csrf: '', types: null, schemas: {} };

// ---- The API ------------------------------------------------------------------------------

async function api(method, path, { json, body, accept, headers = {} } = {}) {
  const h = { ...headers };
  if (json !== undefined) { h['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  if (accept) h['Accept'] = accept;
  if (method !== 'GET' && method !== 'HEAD' && state.csrf) h['X-CSRF-Token'] = state.csrf;
  let response;
  try {
    response = await fetch(path, { method, headers: h, body, credentials: 'same-origin' });
  } catch (e) {
    return { status: 0, errors: [{ path: '', code: 'network', message: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.' }] };
  }
  const type = response.headers.get('Content-Type') || '';
  const out = { status: response.status, headers: response.headers };
  if (type.startsWith('application/json')) {
    out.data = await response.json();
    if (out.data && out.data.errors) out.errors = out.data.errors;
  } else {
    out.blob = await response.blob();
  }
  if (response.status === 401 && path !== '/v1/session') { state.account = null; showSignIn(); }
  return out;
}

function say(text, busy = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('progress', busy);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c.nodeType ? c : String(c));
  return node;
}

function show(...nodes) {
  view.replaceChildren(...nodes);
  view.focus();
}

function errorList(errors) {
  if (!errors || !errors.length) return null;
  return el('div', { class: 'summary', role: 'alert' },
    el('p', { text: errors.length === 1 ? 'Có 1 lỗi cần sửa:' : `Có ${errors.length} lỗi cần sửa:` }),
    el('ul', {}, errors.map((e) => el('li', {}, (e.path ? e.path + ': ' : '') + e.message))));
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function fileName(headers, fallback) {
  const cd = headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(cd);
  return plain ? plain[1] : fallback;
}

const can = (role) => state.account && state.account.roles.includes(role);
const agency = () => state.account.agency;

// ---- Vietnamese numbers and dates --------------------------------------------------------------

function groupDigits(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.'); }
// "1.507" -> 1507; anything else is kept as typed, so the server names the mistake at its field.
function parseCount(text) {
  const t = text.trim();
  if (t === '') return undefined;
  const bare = t.replace(/[.\s]/g, '');
  return /^-?\d+$/.test(bare) && bare.length < 16 ? Number(bare) : t;
}
function parseDecimal(text) {
  const t = text.trim();
  if (t === '') return undefined;
  const n = t.replace(/\./g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(n) ? Number(n) : t;
}
// dd/mm/yyyy <-> yyyy-mm-dd
function isoToVn(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso || '');
}
function vnToIso(text) {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : t;
}

// ---- Forms from a report type's JSON Schema -----------------------------------------------------

function resolve(schema, root) {
  let s = schema || {};
  for (let i = 0; i < 16 && s.$ref; i++) {
    const name = s.$ref.replace('#/$defs/', '');
    s = { ...root.$defs[name], ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')) };
  }
  return s;
}
const typesOf = (s) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

function getAt(obj, path) { return path.reduce((o, k) => (o == null ? undefined : o[k]), obj); }
function setAt(obj, path, value) {
  let o = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (o[path[i]] == null || typeof o[path[i]] !== 'object') o[path[i]] = typeof path[i + 1] === 'number' ? [] : {};
    o = o[path[i]];
  }
  if (value === undefined) delete o[path[path.length - 1]]; else o[path[path.length - 1]] = value;
}
const pointer = (path) => '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

// Empty strings, empty objects and empty lists are left out: "nothing new" is an absent member.
function prune(value) {
  if (Array.isArray(value)) return value.map(prune).filter((v) => v !== undefined);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p === undefined || p === '' || (typeof p === 'object' && !Array.isArray(p) && !Object.keys(p).length)) continue;
      if (Array.isArray(p) && !p.length) continue;
      out[k] = p;
    }
    return out;
  }
  return value === null ? undefined : value;
}

class Form {
  constructor(schema, input, onChange) {
    this.root = schema;
    this.input = JSON.parse(JSON.stringify(input || {}));
    this.onChange = onChange;
    this.fields = new Map(); // JSON pointer -> {control, error}
    this.counter = 0;
  }
  changed() { this.onChange(this.value()); }
  value() { return prune(this.input) || {}; }

  render() {
    const node = el('div', { class: 'form' });
    this.object(node, this.root, []);
    return node;
  }

  id() { return 'f' + (++this.counter); }

  label(schema, key) { return schema.title || schema.description || String(key); }

  // A field: label, help, control, and the place its problems are shown.
  field(container, schema, path, control, required) {
    const id = control.id || (control.id = this.id());
    const error = el('p', { class: 'error', id: id + '-error', hidden: true });
    const help = schema.description && schema.title ? el('p', { class: 'help', id: id + '-help', text: schema.description }) : null;
    control.setAttribute('aria-describedby', [help && help.id, error.id].filter(Boolean).join(' '));
    if (required) control.setAttribute('aria-required', 'true');
    container.append(el('div', { class: 'field', 'data-path': pointer(path) },
      el('label', { for: id }, this.label(schema, path[path.length - 1]) + (required ? ' *' : '')), help, control, error));
    this.fields.set(pointer(path), { control, error });
  }

  node(container, schema0, path, required) {
    const schema = resolve(schema0, this.root);
    const types = typesOf(schema);
    if (types.includes('string') && types.includes('object')) return this.block(container, schema, path);
    if (types.includes('object') || schema.properties) {
      const set = el('fieldset', { 'data-path': pointer(path) }, el('legend', { text: this.label(schema, path[path.length - 1]) }));
      if (schema.description && schema.title) set.append(el('p', { class: 'help', text: schema.description }));
      this.object(set, schema, path);
      container.append(set);
      this.fields.set(pointer(path), { control: set, error: set.appendChild(el('p', { class: 'error', hidden: true })) });
      return;
    }
    if (types.includes('array')) return this.array(container, schema, path);
    this.scalar(container, schema, path, required);
  }

  object(container, schema, path) {
    const required = new Set(schema.required || []);
    for (const [key, sub] of Object.entries(schema.properties || {})) this.node(container, sub, [...path, key], required.has(key));
  }

  scalar(container, schema, path, required) {
    const types = typesOf(schema);
    const value = getAt(this.input, path);
    let control;
    if (schema.enum) {
      control = el('select', {}, el('option', { value: '', text: '— chọn —' }),
        schema.enum.map((v) => el('option', { value: JSON.stringify(v), text: String(v), selected: v === value })));
      control.addEventListener('change', () => { setAt(this.input, path, control.value ? JSON.parse(control.value) : undefined); this.changed(); });
    } else if (types.includes('boolean')) {
      control = el('input', { type: 'checkbox', checked: value === true });
      control.addEventListener('change', () => { setAt(this.input, path, control.checked); this.changed(); });
    } else if (types.includes('integer') || types.includes('number')) {
      const integer = types.includes('integer');
      control = el('input', { type: 'text', inputmode: integer ? 'numeric' : 'decimal', class: 'short', autocomplete: 'off',
        value: typeof value === 'number' ? (integer ? groupDigits(value) : String(value).replace('.', ',')) : (value ?? '') });
      control.addEventListener('input', () => { setAt(this.input, path, integer ? parseCount(control.value) : parseDecimal(control.value)); this.changed(); });
      control.addEventListener('blur', () => { const v = getAt(this.input, path); if (integer && typeof v === 'number') control.value = groupDigits(v); });
    } else if (schema.format === 'date') {
      control = el('input', { type: 'text', inputmode: 'numeric', class: 'short', placeholder: 'dd/mm/yyyy', autocomplete: 'off', value: isoToVn(value) });
      control.addEventListener('input', () => { setAt(this.input, path, vnToIso(control.value)); this.changed(); });
    } else {
      const long = (schema.maxLength || 0) > 300;
      control = long ? el('textarea', { rows: 3 }) : el('input', { type: 'text', autocomplete: 'off' });
      control.value = value ?? '';
      control.addEventListener('input', () => { setAt(this.input, path, control.value === '' ? undefined : control.value); this.changed(); });
      control.addEventListener('paste', (e) => this.paste(e, control, path));
    }
    this.field(container, schema, path, control, required);
  }

  // Text pasted from an old document typed in TCVN3 (ABC, .VnTime) or VNI: the server converts it
  // to Unicode (the SDK's conversion tables) and says so.
  async paste(event, control, path) {
    const text = event.clipboardData && event.clipboardData.getData('text/plain');
    if (!text || /^[\x20-\x7e\s]*$/.test(text) && !/[\\^`~]/.test(text)) return;
    const r = await api('POST', '/v1/text:unicode', { json: { text } });
    if (r.status !== 200 || r.data.encoding === 'unicode') return;
    event.preventDefault();
    const start = control.selectionStart ?? control.value.length, end = control.selectionEnd ?? start;
    control.value = control.value.slice(0, start) + r.data.text + control.value.slice(end);
    setAt(this.input, path, control.value);
    this.changed();
    say(`Đã chuyển đoạn dán từ bảng mã ${r.data.encoding_label} sang Unicode.`);
  }

  // A paragraph a clerk types: text, with a kind and a lead-in when it needs them.
  block(container, schema, path) {
    const value = getAt(this.input, path);
    const obj = typeof value === 'object' && value ? value : { text: value ?? '' };
    const props = schema.properties || {};
    const update = () => {
      const text = area.value, style = styleSelect ? styleSelect.value : '', label = labelInput ? labelInput.value : '';
      setAt(this.input, path, !style && !label ? (text === '' ? undefined : text) : prune({ text, style: style || undefined, label }));
      this.changed();
    };
    const wrap = el('div', { class: 'block' });
    const area = el('textarea', { rows: 3 });
    area.value = obj.text ?? '';
    area.addEventListener('input', update);
    area.addEventListener('paste', (e) => this.paste(e, area, [...path, 'text']));
    this.field(wrap, { title: (props.text && props.text.title) || 'Nội dung' }, path, area, false);
    let styleSelect = null, labelInput = null;
    if (props.style && props.style.enum) {
      const names = { paragraph: 'Đoạn thường', bullet: 'Gạch đầu dòng (-)', plus: 'Dấu cộng (+)', note: 'Ghi chú (nghiêng)' };
      styleSelect = el('select', {}, el('option', { value: '', text: 'Đoạn thường' }),
        props.style.enum.filter((v) => v !== 'paragraph').map((v) => el('option', { value: v, text: names[v] || v, selected: obj.style === v })));
      styleSelect.addEventListener('change', update);
      this.field(wrap, { title: props.style.title || 'Kiểu đoạn' }, [...path, 'style'], styleSelect, false);
    }
    if (props.label) {
      labelInput = el('input', { type: 'text', value: obj.label ?? '' });
      labelInput.addEventListener('input', update);
      this.field(wrap, { title: props.label.title || 'Tiêu đề đoạn' }, [...path, 'label'], labelInput, false);
    }
    container.append(wrap);
  }

  array(container, schema, path) {
    const items = resolve(schema.items || {}, this.root);
    const set = el('fieldset', { 'data-path': pointer(path) }, el('legend', { text: this.label(schema, path[path.length - 1]) }));
    if (schema.description && schema.title) set.append(el('p', { class: 'help', text: schema.description }));
    const list = el('div', {});
    const error = el('p', { class: 'error', hidden: true });
    const draw = () => {
      list.replaceChildren();
      for (const key of [...this.fields.keys()]) if (key.startsWith(pointer(path) + '/')) this.fields.delete(key);
      const rows = getAt(this.input, path) || [];
      rows.forEach((_, i) => {
        const row = el('div', { class: 'row' });
        const remove = el('button', { type: 'button', class: 'secondary', text: 'Xóa',
          'aria-label': `Xóa mục ${i + 1} của ${this.label(schema, path[path.length - 1])}`,
          onclick: () => { getAt(this.input, path).splice(i, 1); draw(); this.changed(); } });
        row.append(el('div', { class: 'row-head' }, el('span', { text: `Mục ${i + 1}` }), remove));
        this.node(row, items, [...path, i], false);
        list.append(row);
      });
    };
    const add = el('button', { type: 'button', class: 'secondary', text: '+ Thêm ' + (items.title || 'mục').toLowerCase(),
      onclick: () => {
        const rows = getAt(this.input, path) || [];
        rows.push(typesOf(items).includes('object') && !typesOf(items).includes('string') ? {} : '');
        setAt(this.input, path, rows);
        draw();
        const last = list.lastElementChild && list.lastElementChild.querySelector('input, textarea, select');
        if (last) last.focus();
      } });
    set.append(list, add, error);
    container.append(set);
    this.fields.set(pointer(path), { control: set, error });
    draw();
  }

  // Every problem at its field (or the nearest one above it); the rest in the summary.
  showProblems(problems) {
    for (const { control, error } of this.fields.values()) {
      error.hidden = true;
      error.textContent = '';
      control.removeAttribute('aria-invalid');
    }
    const unplaced = [];
    for (const p of problems) {
      let at = (p.path || '').replace(/^\/input/, '');
      while (at && !this.fields.has(at)) at = at.slice(0, at.lastIndexOf('/'));
      const f = this.fields.get(at);
      if (!f) { unplaced.push(p); continue; }
      f.error.hidden = false;
      f.error.textContent = (f.error.textContent ? f.error.textContent + ' ' : '') + p.message;
      f.control.setAttribute('aria-invalid', 'true');
    }
    return unplaced;
  }
}

// ---- Screens ------------------------------------------------------------------------------------

function showSignIn(message) {
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  const user = el('input', { type: 'text', id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = el('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const problems = el('div', { role: 'alert' });
  const form = el('form', { class: 'signin', novalidate: true },
    el('h1', { text: 'Đăng nhập' }),
    message ? el('p', { class: 'notice', text: message }) : null,
    problems,
    el('label', { for: 'username', text: 'Tên đăng nhập' }), user,
    el('label', { for: 'password', text: 'Mật khẩu' }), pass,
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Đăng nhập' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    say('Đang đăng nhập', true);
    const r = await api('POST', '/v1/session', { json: { username: user.value, password: pass.value } });
    button.disabled = false;
    say('');
    if (r.status === 200) {
      state.account = r.data.account;
      state.csrf = r.data.csrf;
      pass.value = '';
      signedIn();
      return;
    }
    problems.replaceChildren(...(r.errors || []).map((p) => el('p', { class: 'error', text: p.message })));
    pass.setAttribute('aria-invalid', 'true');
    pass.focus();
  });
  show(form);
  user.focus();
}

function signedIn() {
  document.getElementById('nav').hidden = false;
  document.getElementById('sign-out').hidden = false;
  for (const link of document.querySelectorAll('nav [data-role]')) link.hidden = !can(link.dataset.role);
  document.getElementById('who').textContent =
    `${state.account.display_name || state.account.username} · ${state.account.role_label} · ${state.account.agency}`;
  route();
}

async function reportTypes() {
  if (!state.types) {
    const r = await api('GET', '/v1/report-types');
    state.types = r.status === 200 ? r.data.report_types : [];
  }
  return state.types;
}

async function reportType(id) {
  if (!state.schemas[id]) {
    const r = await api('GET', '/v1/report-types/' + encodeURIComponent(id));
    if (r.status !== 200) return null;
    state.schemas[id] = r.data;
  }
  return state.schemas[id];
}

const stateNames = { draft: 'Dự thảo', issued: 'Đã ban hành', withdrawn: 'Đã thu hồi' };

async function documentsScreen() {
  say('Đang tải danh sách văn bản', true);
  const [r, types] = await Promise.all([api('GET', `/v1/documents?agency=${encodeURIComponent(agency())}`), reportTypes()]);
  say('');
  const name = (id) => (types.find((t) => t.id === id) || { name: id }).name;
  if (r.status !== 200) return show(el('h1', { text: 'Văn bản' }), errorList(r.errors));
  const rows = r.data.documents.map((d) => el('tr', {},
    el('td', {}, el('a', { href: '#/doc/' + d.id, text: d.input.subject || name(d.report_type) })),
    el('td', { text: name(d.report_type) }),
    el('td', {}, el('span', { class: 'badge ' + d.state, text: stateNames[d.state] })),
    el('td', { text: d.register_entry ? d.register_entry.number_symbol : '' }),
    el('td', { text: new Date(d.updated || d.created).toLocaleString('vi-VN') })));
  show(el('h1', { text: 'Văn bản của cơ quan' }),
    el('p', {}, el('a', { class: 'button', href: '#/new', text: 'Soạn báo cáo mới' })),
    rows.length
      ? el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, el('tr', {}, ['Trích yếu', 'Loại báo cáo', 'Trạng thái', 'Số, ký hiệu', 'Cập nhật'].map((h) => el('th', { scope: 'col', text: h })))), el('tbody', {}, rows)))
      : el('p', { text: 'Chưa có văn bản nào. Bấm "Soạn báo cáo mới" để bắt đầu.' }));
}

// The next period of a report, from the shape of its period: {from, to} dates, {year, month},
// {year, quarter}.
function nextPeriod(p) {
  if (!p || typeof p !== 'object') return p;
  const out = { ...p };
  if (p.quarter) { out.quarter = p.quarter === 4 ? 1 : p.quarter + 1; if (p.quarter === 4) out.year = p.year + 1; }
  else if (p.month) { out.month = p.month === 12 ? 1 : p.month + 1; if (p.month === 12) out.year = p.year + 1; }
  if (p.from && p.to && /^\d{4}-\d{2}-\d{2}$/.test(p.from) && /^\d{4}-\d{2}-\d{2}$/.test(p.to)) {
    const from = new Date(p.from + 'T00:00:00Z'), to = new Date(p.to + 'T00:00:00Z');
    const lastOfMonth = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() + 1, 0)).getUTCDate() === to.getUTCDate();
    // Same days of the next month (or quarter): "10/3 to 9/4" becomes "10/4 to 9/5".
    const addMonths = (d, n) => {
      const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n + 1, 0)).getUTCDate();
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, Math.min(d.getUTCDate(), last))).toISOString().slice(0, 10);
    };
    if ((p.month || p.quarter) && !(from.getUTCDate() === 1 && lastOfMonth)) {
      const n = p.quarter ? 3 : 1;
      out.from = addMonths(from, n); out.to = addMonths(to, n);
    } else if (from.getUTCDate() === 1 && lastOfMonth) {
      const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth() + 1;
      const f = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
      const t = new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + months, 0));
      out.from = f.toISOString().slice(0, 10); out.to = t.toISOString().slice(0, 10);
    } else {
      const days = Math.round((to - from) / 86400000) + 1;
      out.from = new Date(+from + days * 86400000).toISOString().slice(0, 10);
      out.to = new Date(+to + days * 86400000).toISOString().slice(0, 10);
    }
  }
  return out;
}

// The previous document's input made into this period's: lists and wording kept, the fields the
// report type marks "x-vanthu-next-period": "clear" (this period's figures) emptied, the number and
// date left for the records office.
function carryForward(input, schema) {
  const previous = JSON.parse(JSON.stringify(input));
  const out = JSON.parse(JSON.stringify(input));
  const at = (obj, ptr) => ptr.split('/').slice(1).reduce((o, k) => (o == null ? undefined : o[k.replace(/~1/g, '/').replace(/~0/g, '~')]), obj);
  // Members that take the previous report's figures ({"from": "/pointer"}), wherever they are.
  const walk = (value, s0, path) => {
    const s = resolve(s0, schema);
    const rule = s['x-vanthu-next-period'];
    if (rule && typeof rule === 'object' && rule.from) {
      const v = at(previous, rule.from);
      setAt(out, path, v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
    } else if (rule === 'clear') {
      setAt(out, path, undefined);
      return;
    }
    if (s.properties) for (const [k, sub] of Object.entries(s.properties)) walk(getAt(out, [...path, k]), sub, [...path, k]);
    if (Array.isArray(value) && s.items) value.forEach((_, i) => walk(value[i], s.items, [...path, i]));
  };
  walk(out, schema, []);
  if (out.document) { delete out.document.number; delete out.document.date; }
  if (out.period) out.period = nextPeriod(out.period);
  return out;
}

async function newScreen() {
  const types = await reportTypes();
  const select = el('select', { id: 'type' }, types.map((t) => el('option', { value: t.id, text: t.name })));
  const fromPrevious = el('input', { type: 'checkbox', id: 'previous', checked: true });
  const problems = el('div', {});
  const form = el('form', {},
    el('h1', { text: 'Soạn báo cáo mới' }),
    el('label', { for: 'type', text: 'Loại báo cáo' }), select,
    el('p', {}, fromPrevious, ' ', el('label', { for: 'previous', style: 'display:inline', text: 'Bắt đầu từ báo cáo kỳ trước của cơ quan (giữ danh sách và nội dung, xóa số liệu của kỳ)' })),
    problems,
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Tạo dự thảo' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const type = select.value;
    say('Đang tạo dự thảo', true);
    const described = await reportType(type);
    let input = described.example;
    let notice = 'Dự thảo bắt đầu từ dữ liệu mẫu của loại báo cáo; hãy sửa theo cơ quan mình.';
    if (fromPrevious.checked) {
      const last = await api('GET', `/v1/documents?agency=${encodeURIComponent(agency())}&report_type=${encodeURIComponent(type)}&limit=1`);
      if (last.status === 200 && last.data.documents.length) {
        input = carryForward(last.data.documents[0].input, described.schema);
        notice = 'Dự thảo lấy từ báo cáo kỳ trước; kỳ báo cáo đã chuyển sang kỳ tiếp theo, số liệu của kỳ cần nhập lại.';
      }
    }
    const r = await api('POST', '/v1/documents', { json: { report_type: type, agency: agency(), input, keep_invalid: true } });
    say('');
    if (r.status !== 201) { problems.replaceChildren(errorList(r.errors)); return; }
    sessionStorage.setItem('vanthu-notice', notice);
    location.hash = '#/doc/' + r.data.id;
  });
  show(form);
}

async function documentScreen(id) {
  say('Đang mở văn bản', true);
  const r = await api('GET', '/v1/documents/' + encodeURIComponent(id));
  if (r.status !== 200) { say(''); return show(el('h1', { text: 'Văn bản' }), errorList(r.errors)); }
  const doc = r.data;
  const described = await reportType(doc.report_type);
  say('');
  const heading = el('h1', { text: `${described.name}` });
  const badge = el('span', { class: 'badge ' + doc.state, text: stateNames[doc.state] });
  const notice = sessionStorage.getItem('vanthu-notice');
  sessionStorage.removeItem('vanthu-notice');
  const summary = el('div', { id: 'problems' });
  const saved = el('span', { class: 'help', id: 'saved' });
  const preview = el('div', {});
  if (doc.state !== 'draft') return issuedScreen(doc, described, heading, badge);

  let timer = null, pending = null, saving = Promise.resolve();
  const save = async (input) => {
    const s = await api('PUT', '/v1/documents/' + encodeURIComponent(id), { json: { input, keep_invalid: true } });
    if (s.status === 200) {
      const unplaced = form.showProblems(s.data.problems);
      summary.replaceChildren(s.data.problems.length
        ? el('div', { class: 'summary', role: 'alert' }, el('p', { text: `Còn ${s.data.problems.length} lỗi; mỗi lỗi hiện ngay dưới ô của nó.` }),
          unplaced.length ? el('ul', {}, unplaced.map((p) => el('li', { text: `${p.path}: ${p.message}` }))) : null)
        : el('p', { class: 'notice', text: 'Dữ liệu hợp lệ: có thể xem trước và ban hành.' }));
      saved.textContent = 'Đã lưu lúc ' + new Date().toLocaleTimeString('vi-VN');
      issueButton.disabled = s.data.problems.length > 0;
    } else {
      summary.replaceChildren(errorList(s.errors));
      saved.textContent = 'Chưa lưu được.';
    }
  };
  const form = new Form(described.schema, doc.input, (input) => {
    pending = input;
    saved.textContent = 'Đang lưu…';
    clearTimeout(timer);
    timer = setTimeout(() => { const v = pending; pending = null; saving = saving.then(() => save(v)); }, 700);
  });
  const flush = async () => {
    clearTimeout(timer);
    if (pending) { const v = pending; pending = null; saving = saving.then(() => save(v)); }
    await saving;
  };

  const render = async (accept, what) => {
    await flush();
    say(`Đang tạo ${what}`, true);
    const out = await api('POST', `/v1/report-types/${encodeURIComponent(doc.report_type)}/documents?agency=${encodeURIComponent(agency())}`,
      { json: form.value(), accept });
    say('');
    return out;
  };
  const previewButton = el('button', { type: 'button', class: 'secondary', text: 'Xem trước (PDF)', onclick: async () => {
    const out = await render('application/pdf', 'bản xem trước');
    if (out.status !== 200) return preview.replaceChildren(errorList(out.errors));
    const url = URL.createObjectURL(out.blob);
    preview.replaceChildren(el('h2', { text: 'Bản xem trước' }),
      el('iframe', { class: 'preview', src: url, title: 'Bản xem trước của văn bản', 'data-type': out.blob.type }));
  } });
  const docxButton = el('button', { type: 'button', class: 'secondary', text: 'Tải DOCX', onclick: async () => {
    const out = await render('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'tệp DOCX');
    if (out.status !== 200) return preview.replaceChildren(errorList(out.errors));
    download(out.blob, fileName(out.headers, 'bao-cao.docx'));
  } });
  const issueButton = el('button', { type: 'button', text: 'Cấp số và ban hành', hidden: !can('issue'), onclick: async () => {
    await flush();
    if (!confirm('Cấp số vào sổ văn bản đi và ban hành văn bản này? Sau khi ban hành không sửa được nữa.')) return;
    issueButton.disabled = true;
    say('Đang cấp số và ban hành', true);
    const [format, sign] = issueFormat.value.split('+');
    const out = await api('POST', `/v1/documents/${encodeURIComponent(id)}:issue`,
      { json: { format, ...(sign ? { sign: true } : {}) }, accept: 'application/json' });
    say('');
    if (out.status !== 200 && out.status !== 201) { issueButton.disabled = false; return summary.replaceChildren(errorList(out.errors)); }
    say(`Đã ban hành: số ${out.data.number_symbol}`);
    documentScreen(id);
  } });

  const issueFormat = el('select', { id: 'issue-format', hidden: !can('issue') },
    el('option', { value: 'pdfa', text: 'PDF/A có ô chữ ký (ký bằng công cụ của lãnh đạo)' }),
    el('option', { value: 'pdfa+sign', text: 'PDF/A, ký số bằng chứng thư của cơ quan' }),
    el('option', { value: 'docx', text: 'DOCX' }));
  const issueLabel = el('label', { for: 'issue-format', hidden: !can('issue'), text: 'Định dạng ban hành' });
  show(heading, el('p', {}, badge, ' ', saved),
    notice ? el('p', { class: 'notice', text: notice }) : null,
    summary, form.render(),
    el('div', { class: 'actions' }, previewButton, docxButton, issueLabel, issueFormat, issueButton),
    preview);
  save(form.value());
}

function issuedScreen(doc, described, heading, badge) {
  const e = doc.register_entry || {};
  const getFile = el('button', { type: 'button', text: 'Tải văn bản đã ban hành', onclick: async () => {
    const out = await api('GET', `/v1/documents/${encodeURIComponent(doc.id)}/file`);
    if (out.status !== 200) return say('Không tải được tệp.');
    download(out.blob, fileName(out.headers, e.file_name || 'van-ban.docx'));
  } });
  show(heading, el('p', {}, badge),
    el('dl', {},
      el('dt', { text: 'Số, ký hiệu' }), el('dd', { text: e.number_symbol || '' }),
      el('dt', { text: 'Ngày ban hành' }), el('dd', { text: isoToVn(e.date) }),
      el('dt', { text: 'Trích yếu' }), el('dd', { text: e.title || '' }),
      el('dt', { text: 'Người ký' }), el('dd', { text: e.signer || '' }),
      el('dt', { text: 'SHA-256 của tệp' }), el('dd', { text: e.sha256 || '' })),
    el('div', { class: 'actions' }, getFile));
}

async function registerScreen() {
  const year = Number(sessionStorage.getItem('vanthu-year')) || new Date().getFullYear();
  const input = el('input', { type: 'text', id: 'year', class: 'short', inputmode: 'numeric', value: String(year) });
  const body = el('div', {});
  const load = async () => {
    sessionStorage.setItem('vanthu-year', input.value);
    say('Đang tải sổ', true);
    const r = await api('GET', `/v1/registers/${encodeURIComponent(agency())}/${encodeURIComponent(input.value)}?format=json`, { accept: 'application/json' });
    say('');
    if (r.status !== 200) return body.replaceChildren(errorList(r.errors));
    const books = [];
    for (const e of r.data.entries) {
      let b = books.find((x) => x.issuer === e.issuer);
      if (!b) books.push(b = { issuer: e.issuer, entries: [] });
      b.entries.push(e);
    }
    if (!books.length) return body.replaceChildren(el('p', { text: 'Sổ năm này chưa có văn bản nào.' }));
    const columns = ['Số, ký hiệu', 'Ngày', 'Tên loại và trích yếu', 'Người ký', 'Nơi nhận', 'Đơn vị lưu', 'Số bản'];
    const entryRow = (e) => el('tr', { class: e.withdrawn ? 'withdrawn' : '' },
      el('td', {}, el('a', { href: '#/doc/' + e.document_id, text: e.number_symbol }), e.withdrawn ? ' (đã thu hồi)' : ''),
      el('td', { text: isoToVn(e.date) }), el('td', { text: e.title }), el('td', { text: e.signer }),
      el('td', { text: e.recipients }), el('td', { text: e.archive }), el('td', { text: String(e.copies) }));
    const book = (b) => el('section', {}, el('h2', { text: b.issuer }),
      el('div', { class: 'table-wrap' }, el('table', {},
        el('thead', {}, el('tr', {}, columns.map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, b.entries.map(entryRow)))));
    body.replaceChildren(...books.map(book));
  };
  const exportAs = (format) => async () => {
    const r = await api('GET', `/v1/registers/${encodeURIComponent(agency())}/${encodeURIComponent(input.value)}?format=${format}`);
    if (r.status !== 200) return body.replaceChildren(errorList(r.errors));
    download(r.blob, fileName(r.headers, `so-van-ban-di.${format}`));
  };
  show(el('h1', { text: 'Sổ đăng ký văn bản đi' }),
    el('label', { for: 'year', text: 'Năm' }), input,
    el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Xem sổ', onclick: load }),
      el('button', { type: 'button', class: 'secondary', text: 'Tải DOCX', onclick: exportAs('docx') }),
      el('button', { type: 'button', class: 'secondary', text: 'Tải XLSX', onclick: exportAs('xlsx') })),
    body);
  load();
}

async function templatesScreen() {
  const types = await reportTypes();
  const sections = [];
  for (const t of types) {
    const list = el('div', {});
    const file = el('input', { type: 'file', id: 'file-' + t.id, accept: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const problems = el('div', {});
    const base = `/v1/report-types/${encodeURIComponent(t.id)}/templates/${encodeURIComponent(agency())}`;
    const load = async () => {
      const r = await api('GET', base);
      if (r.status !== 200) return list.replaceChildren(el('p', { text: 'Cơ quan dùng mẫu gốc.' }));
      list.replaceChildren(el('table', {}, el('thead', {}, el('tr', {}, ['Phiên bản', 'Ngày tải lên', 'Đang dùng', ''].map((h) => el('th', { text: h })))),
        el('tbody', {}, r.data.versions.map((v) => el('tr', {}, el('td', { text: String(v.version) }), el('td', { text: v.created }),
          el('td', { text: v.current ? 'Đang dùng' : '' }),
          el('td', {}, v.current ? '' : el('button', { type: 'button', class: 'secondary', text: 'Dùng lại bản này', onclick: async () => {
            const out = await api('POST', base + ':rollback', { json: { version: v.version } });
            if (out.status !== 200) problems.replaceChildren(errorList(out.errors)); else { say(`Đã dùng lại phiên bản ${v.version}.`); load(); }
          } })))))));
    };
    const upload = el('button', { type: 'button', text: 'Tải mẫu lên', onclick: async () => {
      if (!file.files.length) return problems.replaceChildren(errorList([{ path: '', message: 'Chọn tệp .docx trước.' }]));
      const body = new FormData();
      body.append('template', file.files[0]);
      say('Đang kiểm tra và lưu mẫu', true);
      const out = await api('PUT', base, { body });
      say('');
      if (out.status !== 200 && out.status !== 201) return problems.replaceChildren(errorList(out.errors));
      problems.replaceChildren(el('p', { class: 'notice', text: `Đã lưu phiên bản ${out.data.version}.` }));
      load();
    } });
    sections.push(el('section', {}, el('h2', { text: t.name }),
      el('p', {}, el('a', { href: `/v1/report-types/${encodeURIComponent(t.id)}/template`, text: 'Tải mẫu gốc để sửa trong Word' })),
      list, el('label', { for: file.id, text: 'Tệp mẫu mới (.docx)' }), file, el('div', { class: 'actions' }, upload), problems));
    load();
  }
  show(el('h1', { text: 'Mẫu văn bản của cơ quan' }), ...sections);
}

async function accountsScreen() {
  const list = el('div', {});
  const load = async () => {
    const r = await api('GET', '/v1/accounts?agency=' + encodeURIComponent(agency()));
    if (r.status !== 200) return list.replaceChildren(errorList(r.errors));
    list.replaceChildren(el('table', {}, el('thead', {}, el('tr', {}, ['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Trạng thái', ''].map((h) => el('th', { text: h })))),
      el('tbody', {}, r.data.accounts.map((a) => el('tr', {}, el('td', { text: a.username }), el('td', { text: a.display_name }),
        el('td', { text: a.role_label }), el('td', { text: a.disabled ? 'Đã khóa' : 'Đang dùng' }),
        el('td', {}, a.id === state.account.id ? '' : el('button', { type: 'button', class: 'secondary', text: a.disabled ? 'Mở khóa' : 'Khóa',
          onclick: async () => { await api('POST', `/v1/accounts/${a.id}:${a.disabled ? 'enable' : 'disable'}`); load(); } })))))));
  };
  const fields = { username: 'Tên đăng nhập', display_name: 'Họ và tên', password: 'Mật khẩu (ít nhất 10 ký tự)' };
  const inputs = {};
  const form = el('form', {}, el('h2', { text: 'Thêm tài khoản' }));
  for (const [k, label] of Object.entries(fields)) {
    inputs[k] = el('input', { type: k === 'password' ? 'password' : 'text', id: 'new-' + k, autocomplete: k === 'password' ? 'new-password' : 'off' });
    form.append(el('label', { for: 'new-' + k, text: label }), inputs[k], el('p', { class: 'error', id: 'new-' + k + '-error' }));
  }
  const role = el('select', { id: 'new-role' }, [['clerk', 'Cán bộ'], ['records_officer', 'Văn thư'], ['admin', 'Quản trị']].map(([v, t]) => el('option', { value: v, text: t })));
  form.append(el('label', { for: 'new-role', text: 'Vai trò' }), role, el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Thêm' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const k of Object.keys(fields)) document.getElementById('new-' + k + '-error').textContent = '';
    const r = await api('POST', '/v1/accounts', { json: { username: inputs.username.value, display_name: inputs.display_name.value,
      password: inputs.password.value, role: role.value, agency: agency() } });
    if (r.status === 201) { say(`Đã thêm tài khoản ${r.data.username}.`); form.reset(); load(); return; }
    for (const p of r.errors || []) {
      const target = document.getElementById('new-' + (p.path || '').slice(1) + '-error');
      if (target) target.textContent = p.message; else say(p.message);
    }
  });
  show(el('h1', { text: 'Tài khoản của cơ quan' }), list, form);
  load();
}

// API tokens (mã truy cập) for the systems that call Vanthu (e-office, the city's portal): made
// for this agency with some of the administrator's own roles, the secret shown this once.
async function tokensScreen() {
  const roleLabels = { render: 'Tạo văn bản', issue: 'Ban hành', templates: 'Quản lý mẫu', admin: 'Quản trị' };
  const list = el('div', {});
  const shown = el('div', { role: 'alert' });
  const load = async () => {
    const r = await api('GET', '/v1/tokens');
    if (r.status !== 200) return list.replaceChildren(errorList(r.errors));
    if (!r.data.tokens.length) return list.replaceChildren(el('p', { text: 'Chưa có mã truy cập nào.' }));
    const when = (t) => (t ? isoToVn(t.slice(0, 10)) : 'không');
    const statusText = { active: 'Đang dùng', expired: 'Đã hết hạn', revoked: 'Đã thu hồi' };
    list.replaceChildren(el('table', {}, el('thead', {}, el('tr', {}, ['Tên', 'Mã', 'Cơ quan', 'Vai trò', 'Hết hạn', 'Dùng lần cuối', 'Trạng thái', '']
      .map((h) => el('th', { text: h })))),
      el('tbody', {}, r.data.tokens.map((t) => el('tr', {}, el('td', { text: t.name || '—' }), el('td', { text: t.id }),
        el('td', { text: t.agencies.join(', ') }), el('td', { text: t.roles.map((x) => roleLabels[x] || x).join(', ') }),
        el('td', { text: when(t.expires) }), el('td', { text: t.last_used ? when(t.last_used) : 'chưa' }),
        el('td', { text: statusText[t.status] || t.status }),
        el('td', {}, t.status === 'revoked' ? '' : el('button', { type: 'button', class: 'secondary', text: 'Thu hồi',
          'aria-label': 'Thu hồi mã ' + (t.name || t.id),
          onclick: async () => {
            const done = await api('POST', `/v1/tokens/${t.id}:revoke`, { json: {} });
            say(done.status === 200 ? `Đã thu hồi mã ${t.id}: từ giờ mọi yêu cầu dùng mã này bị từ chối.` : (done.errors || [{}])[0].message);
            load();
          } })))))));
  };
  const name = el('input', { type: 'text', id: 'token-name', autocomplete: 'off' });
  const days = el('input', { type: 'number', id: 'token-days', min: '1', max: '36500', value: '365', inputmode: 'numeric' });
  const mine = state.account.roles || [];
  const boxes = Object.entries(roleLabels).filter(([r]) => mine.includes(r)).map(([r, label]) => {
    const box = el('input', { type: 'checkbox', id: 'token-role-' + r, value: r, checked: r === 'render' });
    return el('div', { class: 'check' }, box, el('label', { for: box.id, text: label }));
  });
  const errors = {};
  for (const k of ['name', 'roles', 'days', 'agencies']) errors[k] = el('p', { class: 'error', id: 'token-' + k + '-error' });
  const form = el('form', {}, el('h2', { text: 'Tạo mã truy cập cho một hệ thống' }),
    el('label', { for: 'token-name', text: 'Tên hệ thống (ví dụ: e-office phường)' }), name, errors.name,
    el('fieldset', {}, el('legend', { text: 'Được phép' }), boxes), errors.roles,
    el('label', { for: 'token-days', text: 'Dùng được trong (ngày)' }), days, errors.days, errors.agencies,
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Tạo mã' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const p of Object.values(errors)) p.textContent = '';
    const roles = boxes.map((b) => b.querySelector('input')).filter((b) => b.checked).map((b) => b.value);
    const count = Number(days.value);
    const r = await api('POST', '/v1/tokens', { json: { name: name.value, agencies: [agency()], roles,
      days: Number.isInteger(count) && days.value !== '' ? count : days.value } });
    if (r.status === 201) {
      const secret = el('input', { type: 'text', id: 'token-secret', readonly: true, value: r.data.token });
      shown.replaceChildren(el('h2', { text: 'Mã truy cập mới' }),
        el('p', { text: 'Sao chép mã này vào hệ thống cần gọi Vanthu ngay bây giờ: mã chỉ hiện một lần này, Vanthu không lưu lại được.' }),
        el('label', { for: 'token-secret', text: `Mã ${r.data.id}` }), secret);
      secret.focus();
      secret.select();
      form.reset();
      load();
      return;
    }
    for (const p of r.errors || []) {
      const key = (p.path || '').split('/')[1];
      if (errors[key]) errors[key].textContent = p.message; else say(p.message);
    }
  });
  show(el('h1', { text: 'Mã truy cập cho hệ thống khác' }), shown, list, form);
  load();
}

// ---- Routing --------------------------------------------------------------------------------------

function route() {
  if (!state.account) return showSignIn();
  const hash = location.hash || '#/';
  for (const link of document.querySelectorAll('nav a')) {
    if (link.getAttribute('href') === hash.split('/').slice(0, 2).join('/')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (hash.startsWith('#/doc/')) return documentScreen(decodeURIComponent(hash.slice(6)));
  if (hash === '#/new') return newScreen();
  if (hash === '#/register') return registerScreen();
  if (hash === '#/templates') return templatesScreen();
  if (hash === '#/accounts') return accountsScreen();
  if (hash === '#/tokens') return tokensScreen();
  return documentsScreen();
}

window.addEventListener('hashchange', route);
document.getElementById('sign-out').addEventListener('click', async () => {
  await api('DELETE', '/v1/session');
  state.account = null;
  state.csrf = '';
  showSignIn('Đã đăng xuất.');
});

(async () => {
  const r = await api('GET', '/v1/session');
  if (r.status === 200) { state.account = r.data.account; state.csrf = r.data.csrf; signedIn(); } else showSignIn();
})();
