// GET /v1/openapi.json of a real `vanthu serve`, checked by a standard OpenAPI 3.1 validator
// (@seriousme/openapi-schema-validator, against the OpenAPI Initiative's published schemas), and
// every $ref in it resolved. itest_openapi checks, the other way, that it lists every route served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';

const bin = process.env.VANTHU_BIN;
assert.ok(bin, 'VANTHU_BIN must name the vanthu binary');
const dataDir = mkdtempSync(join(tmpdir(), 'vanthu-openapi-'));
let server, base;

before(async () => {
  const port = await new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port: p } = s.address(); s.close(() => resolve(p)); });
  });
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ['serve', `--port=${port}`, `--data-dir=${dataDir}`, '--pdf-workers=0'], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    try { if ((await fetch(base + '/readyz')).status === 200) break; } catch { /* not yet */ }
    if (i > 200) throw new Error('server not ready');
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(() => {
  if (server) server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

test('the OpenAPI document is valid OpenAPI 3.1 and every reference resolves', async () => {
  const r = await fetch(base + '/v1/openapi.json');
  assert.equal(r.status, 200);
  const document = await r.json();
  assert.equal(document.openapi, '3.1.0');
  const validator = new Validator();
  const result = await validator.validate(document);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.equal(validator.version, '3.1');
  // Every $ref points at something that exists.
  const target = (ptr) => ptr.slice(2).split('/').reduce((o, k) => (o == null ? undefined : o[k.replace(/~1/g, '/').replace(/~0/g, '~')]), document);
  const refs = [];
  const walk = (n) => { if (Array.isArray(n)) n.forEach(walk); else if (n && typeof n === 'object') for (const [k, v] of Object.entries(n)) { if (k === '$ref') refs.push(v); else walk(v); } };
  walk(document);
  assert.ok(refs.length > 20);
  for (const ref of refs) assert.notEqual(target(ref), undefined, ref);
  // Each report type's input schema is there.
  const types = (await (await fetch(base + '/v1/report-types')).json()).report_types;
  for (const t of types) assert.ok(document.components.schemas['input-' + t.id], t.id);
});
