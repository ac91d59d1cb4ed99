// Fails when the committed src/lib/api/schema.d.ts differs from what
// openapi-typescript generates from ../openapi/openapi.json.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, '../openapi/openapi.json');
const committed = resolve(root, 'src/lib/api/schema.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'jointcall-schema-'));
const fresh = join(dir, 'schema.d.ts');

try {
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', fresh],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const expected = readFileSync(fresh, 'utf8');
  let actual = '';
  try {
    actual = readFileSync(committed, 'utf8');
  } catch {
    // missing file counts as a difference
  }
  if (expected !== actual) {
    console.error(
      'src/lib/api/schema.d.ts is out of date with ../openapi/openapi.json.\n' +
        'Run `npm run gen:api` in frontend/ and commit the result.',
    );
    process.exit(1);
  }
  console.log('src/lib/api/schema.d.ts is up to date with ../openapi/openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
