import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { copyFixture, kb, readArticle, reportLines } from './import-helpers';
import { tempDir } from './import-helpers';

describe('frontdesk kb import: bad input gets a clear message per file, never a crash', () => {
  test('broken HTML, duplicate slugs, a 6 MB page, binary, empty and unknown files, an undeclared charset', async () => {
    // Arrange: the bad fixtures plus generated ones.
    const dir = copyFixture('bad');
    const paragraph = '<p>Printers on the third floor print slowly when the queue holds large PDF files. </p>\n';
    writeFileSync(join(dir, 'Huge-printer-log.html'), `<html><body><main><h1>Huge printer log</h1>${paragraph.repeat(Math.ceil((6 * 1024 * 1024) / paragraph.length))}</main></body></html>`);
    writeFileSync(join(dir, 'scan.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    writeFileSync(join(dir, 'empty.html'), '');
    writeFileSync(join(dir, 'notes.html'), 'Just some words someone saved with the wrong extension, no markup at all.');
    writeFileSync(join(dir, 'chrome-only.html'), '<html><body><nav><a href="/">Home</a></nav><footer>Contoso intranet</footer></body></html>');
    writeFileSync(join(dir, 'handbook.pdf'), '%PDF-1.7');
    const latin1 = '<html><head><title>Café Wi-Fi</title></head><body><main><h1>Café Wi-Fi</h1><p>The café network “Contoso-Café” needs the guest voucher from reception.</p></main></body></html>';
    writeFileSync(join(dir, 'Cafe-wifi.html'), iconv.encode(latin1, 'windows-1252'));
    const out = tempDir('kb');

    // Act
    const run = await kb(['import', dir, '--out', out]);

    // Assert: one line per file saying what happened and why.
    expect(run.code).toBe(0);
    const lines = reportLines(run.out);
    expect(lines.get('Printer-queue-stuck.html')).toMatch(/^imported .*broken HTML: the page is cut off .*; broken HTML: unclosed 1 <table>, 1 <ul>/);
    expect(readArticle(out, 'printer-queue-stuck.md').body).toContain('| 1 | Open Services and stop **Print Spooler** |');
    expect(lines.get('team-a/Printer-setup.html')).toMatch(/^imported .* -> printer-setup\.md/);
    expect(lines.get('team-b/Printer-setup.html')).toMatch(/^skipped .*duplicate slug "printer-setup" \(en\): team-a\/Printer-setup\.html already becomes printer-setup\.md; rename one of the pages/);
    expect(lines.get('Huge-printer-log.html')).toMatch(/^skipped .*page is 6\.0 MB, over the 5\.0 MB limit: split it into smaller pages or pass --max-mb/);
    expect(lines.get('scan.html')).toMatch(/^skipped .*not a text file \(binary content\)/);
    expect(lines.get('empty.html')).toMatch(/^skipped .*file is empty/);
    expect(lines.get('notes.html')).toMatch(/^skipped .*no HTML tags: the file is not an HTML page/);
    expect(lines.get('chrome-only.html')).toMatch(/^skipped .*no article text found/);
    expect(lines.get('handbook.pdf')).toMatch(/^skipped .*not a page \(\.pdf\)/);
    expect(lines.get('Cafe-wifi.html')).toMatch(/^imported .*converted from (WINDOWS-1252|ISO-8859-1) \(detected\)/);
    expect(readArticle(out, 'cafe-wi-fi.md').body).toContain('The café network “Contoso-Café” needs');
    expect(readdirSync(out).sort()).toEqual(['cafe-wi-fi.md', 'printer-queue-stuck.md', 'printer-setup.md']);
  }, 30_000);

  test('a missing folder or a bad option is a clear error with exit code 1', async () => {
    expect(await kb(['import', '/nonexistent/export'])).toMatchObject({ code: 1, err: expect.stringContaining('is not a folder: unzip the export first') });
    expect(await kb(['import'])).toMatchObject({ code: 1, err: expect.stringContaining('give the export folder') });
    expect(await kb(['import', __dirname, '--lang', 'fr'])).toMatchObject({ code: 1, err: expect.stringContaining('--lang must be en or zh') });
  });
});
