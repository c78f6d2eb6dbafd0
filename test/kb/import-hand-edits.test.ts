import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, kb, reportLines, tempDir } from './import-helpers';

describe('frontdesk kb import: re-imports respect hand edits', () => {
  test('untouched imports refresh, hand-edited or hand-written articles are kept unless --force', async () => {
    // Arrange: a first import, then a person edits one article and writes another by hand.
    const dir = copyFixture('confluence');
    const out = tempDir('kb');
    await kb(['import', dir, '--out', out]);
    const vpn = join(out, 'connect-to-the-vpn.md');
    const edited = readFileSync(vpn, 'utf8').replace('Error 809', 'Error 809 (also 812)');
    writeFileSync(vpn, edited);
    const handWritten = '---\nid: remote-work\ntitle: Remote work (our own)\ncategory: network\nupdated: 2026-01-01\n---\n# Remote work\n\nWritten by the desk.\n';
    writeFileSync(join(out, 'remote-work.md'), handWritten);
    const source = join(dir, 'Reset-your-password_65540.html');
    writeFileSync(source, readFileSync(source, 'utf8').replace('It expires every 90 days.', 'It expires every 180 days.'));

    // Act
    const again = await kb(['import', dir, '--out', out]);

    // Assert
    const lines = reportLines(again.out);
    expect(lines.get('Connect-to-the-VPN_65538.html')).toMatch(/^skipped .*connect-to-the-vpn\.md was edited by hand since it was imported: kept it; pass --force to overwrite/);
    expect(lines.get('Remote-work_65537.html')).toMatch(/^skipped .*remote-work\.md was written by hand, not by kb import: kept it; pass --force/);
    expect(lines.get('Reset-your-password_65540.html')).toMatch(/^updated /);
    expect(lines.get('65542.html')).toMatch(/^unchanged /);
    expect(readFileSync(vpn, 'utf8')).toBe(edited);
    expect(readFileSync(join(out, 'remote-work.md'), 'utf8')).toBe(handWritten);
    expect(readFileSync(join(out, 'reset-your-password.md'), 'utf8')).toContain('It expires every 180 days.');

    const forced = await kb(['import', dir, '--out', out, '--force']);

    expect(reportLines(forced.out).get('Connect-to-the-VPN_65538.html')).toMatch(/^overwritten /);
    expect(reportLines(forced.out).get('Remote-work_65537.html')).toMatch(/^overwritten /);
    expect(readFileSync(vpn, 'utf8')).not.toContain('also 812');
  }, 30_000);

  test('a page whose slug an earlier import of another page already took is skipped, not merged', async () => {
    const out = tempDir('kb');
    await kb(['import', copyFixture('bad'), '--out', out]);

    const other = await kb(['import', join(copyFixture('bad'), 'team-b'), '--out', out]);

    expect(reportLines(other.out).get('Printer-setup.html')).toMatch(/^skipped .*duplicate slug "printer-setup": printer-setup\.md was imported from team-a\/Printer-setup\.html; rename one of the pages or pass --force/);
    expect(readFileSync(join(out, 'printer-setup.md'), 'utf8')).toContain('team-a floor');
  });

  test('progress is drawn on a terminal and not when stderr is piped', async () => {
    const tty = await kb(['import', copyFixture('markdown'), '--out', tempDir('kb')], { tty: true });
    const piped = await kb(['import', copyFixture('markdown'), '--out', tempDir('kb')]);

    expect(tty.err).toMatch(/\[#+\.*\] 1\/2 /);
    expect(tty.err).toContain('2/2');
    expect(piped.err).toBe('');
    expect(piped.out).toContain('2 imported');
  });
});
