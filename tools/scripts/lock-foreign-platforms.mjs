// Why this exists: the registry reachable from our machines serves native packages only for the platforms
// we run on (e.g. @swc/core-linux-x64-gnu but not @swc/core-darwin-arm64). `npm install` then skips the
// other platforms' optional packages and leaves them out of package-lock.json, and `npm ci` refuses that
// lockfile everywhere ("Missing: @swc/core-darwin-arm64@ from lock file"), on CI and in the Docker build.
// This adds a lock entry for every such missing optional platform package, with the os/cpu/libc that its
// name declares, so npm ci sees the lock in sync and skips those packages on other platforms as usual.
// Usage: node tools/scripts/lock-foreign-platforms.mjs          (lists what is missing; exit 1 if any)
//        node tools/scripts/lock-foreign-platforms.mjs --write  (adds them to package-lock.json)
import { readFile, writeFile } from 'node:fs/promises';

const PLATFORM =
  /-(darwin|linux|win32|android|freebsd|openharmony|sunos|aix)-(arm64|x64|arm|ia32|ppc64|s390x|riscv64|loong64)(?:-|$)/;

const path = new URL('../../package-lock.json', import.meta.url);
const lock = JSON.parse(await readFile(path, 'utf8'));
const packages = lock.packages ?? {};
const missing = new Map();
const unknown = [];

for (const [location, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    // npm hoists these next to their parent or at the top; present at either place means locked.
    const nested = `${location}/node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top] || missing.has(top)) continue;
    const match = PLATFORM.exec(name);
    if (!match) {
      unknown.push(`${name}@${version} (needed by ${location || 'the root'})`);
      continue;
    }
    const [, os, cpu] = match;
    const entry = { version, cpu: [cpu], os: [os], optional: true };
    if (os === 'linux' && /musl/.test(name)) entry.libc = ['musl'];
    else if (os === 'linux' && /gnu/.test(name)) entry.libc = ['glibc'];
    missing.set(top, entry);
  }
}

for (const [location, entry] of missing)
  console.log(`missing: ${location}@${entry.version} (${entry.os}/${entry.cpu})`);
for (const line of unknown) console.error(`not a platform package, resolve it with npm install: ${line}`);

if (process.argv.includes('--write') && missing.size > 0) {
  for (const [location, entry] of missing) packages[location] = entry;
  // npm keeps the packages map sorted by path; keep that so the diff stays small.
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))),
  );
  await writeFile(path, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`added ${missing.size} entries to package-lock.json`);
} else if (missing.size > 0 || unknown.length > 0) {
  process.exit(1);
} else {
  console.log('package-lock.json: every optional platform package is locked');
}
