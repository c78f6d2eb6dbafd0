import { parseTranscript } from './helpers/transcript-file';
import { changedDefinition, runTranscript } from './helpers/transcript-runner';
import { generalIncidentDialog } from '../../dialogs/general-incident.dialog';
import { validateDialogs } from '../../src/dialog/registry';

// The runner itself must be able to fail, or the transcript suite proves nothing.
describe('transcript runner', () => {
  it('reports a bot line the bot never said, a line out of order, and a forbidden phrase', async () => {
    // Arrange
    const steps = parseTranscript([
      'user> The expense app shows a blank page when I submit a claim',
      'bot> Since when has this been happening?',
      'bot> Here is what I understood',
      'bot> I have no idea',
      'bot!> Since when',
      '!never What were you doing',
      'user> since Tuesday',
      '!ticket priority=P1',
    ].join('\n'));

    // Act
    const run = await runTranscript(steps);

    // Assert
    expect(run.failures).toEqual([
      expect.stringMatching(/^line 3: expected bot Here is what I understood/),
      expect.stringMatching(/^line 4: expected bot I have no idea/),
      'line 5: the bot should not say Since when',
      'line 6: the bot said "What were you doing" after user> since Tuesday',
      expect.stringMatching(/^line 8: ticket INC-\d{6}: priority is "P\d", wanted "P1"/),
    ]);
  });

  it('reads every kind of line and refuses one it does not know', () => {
    const steps = parseTranscript('# c\nuser> hi\nbot~ /h(i|ello)/\n!restart\n!version email 3 -since +os:Which OS?|哪个系统？\n!ticket a=1 b~x -c\n!no-ticket');
    expect(steps.map((s) => s.kind)).toEqual(['user', 'bot', 'restart', 'version', 'ticket', 'no-ticket']);
    expect(steps[3]).toMatchObject({ dialogId: 'email', version: 3, drop: ['since'], add: [{ id: 'os', en: 'Which OS?', zh: '哪个系统？' }] });
    expect(steps[4]).toMatchObject({ checks: [{ key: 'a', op: '=', value: '1' }, { key: 'b', op: '~', value: 'x' }, { key: 'c', op: 'absent' }] });
    expect(() => parseTranscript('bot says hi')).toThrow('line 1: cannot read');
  });

  it('builds a changed definition that still validates', () => {
    const changed = changedDefinition(generalIncidentDialog, 2, ['error', 'since'], [{ id: 'phone', en: 'Phone?', zh: '电话？' }]);
    const [valid] = validateDialogs([{ file: 'changed', definition: changed }]);
    expect(valid.version).toBe(2);
    expect(valid.slots.map((s) => s.id)).not.toContain('error');
    expect(valid.slots.at(-1)!.id).toBe('phone');
    expect(valid.summary!.en).not.toMatch(/\{(error|since)\}/);
  });
});
