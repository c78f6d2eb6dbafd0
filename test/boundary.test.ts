import fs from 'node:fs';
import path from 'node:path';

const SDKS = ['@slack/bolt', '@slack/web-api', 'botbuilder', 'botframework-connector', 'imapflow', 'nodemailer', 'mailparser'];
const ROOT = path.join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

function sdkImports(dir: string): string[] {
  return sourceFiles(dir).flatMap((file) =>
    imports(file).filter((spec) => SDKS.some((sdk) => spec === sdk || spec.startsWith(`${sdk}/`))).map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
  );
}

describe('import boundary: channels/ -> src/ <- dialogs/', () => {
  test('nothing under src/ imports a channel SDK', () => {
    expect(sdkImports(path.join(ROOT, 'src'))).toEqual([]);
  });

  test('nothing under src/ imports channels/ or dialogs/', () => {
    const offenders = sourceFiles(path.join(ROOT, 'src')).flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => path.relative(ROOT, path.resolve(path.dirname(file), spec)))
        .filter((target) => target.startsWith('channels') || target.startsWith('dialogs'))
        .map((target) => `${path.relative(ROOT, file)} -> ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  test('the scan catches a violation (static import, require and dynamic import)', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.boundary-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { App } from '@slack/bolt';\nconst m = require('nodemailer');\nconst b = import('botbuilder');\n");
      expect(sdkImports(dir)).toHaveLength(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
