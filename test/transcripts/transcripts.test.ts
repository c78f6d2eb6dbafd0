import { loadTranscript, transcriptNames } from './helpers/transcript-file';
import { runTranscript } from './helpers/transcript-runner';

// Every test/fixtures/transcripts/*.txt, played through the real engine, classifier, KB and dialogs.
// Each transcript gets its own app and database: on a shared one, similar reports from the other
// transcripts' users are clustered into a major incident and change priorities (real behaviour, wrong test).
// TRANSCRIPT_PRINT=1 prints each conversation (useful when writing a new transcript).
describe('conversation transcripts (terminal channel, real services)', () => {
  const names = transcriptNames();

  it('finds the transcripts', () => {
    expect(names.length).toBeGreaterThanOrEqual(18);
  });

  it.each(names)('%s', async (name) => {
    const run = await runTranscript(loadTranscript(name));
    if (process.env.TRANSCRIPT_PRINT) console.log(`${name}\n${run.conversation.join('\n')}\nstart-up ms: ${run.startups.map((s) => s.toFixed(0)).join(', ')}`);
    expect({ name, failures: run.failures, conversation: run.failures.length ? run.conversation : [] }).toEqual({ name, failures: [], conversation: [] });
  });
});
