import { Writable } from 'node:stream';
import { ShedLog } from '../../src/engine/shed-log';
import { createLogger } from '../../src/log';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, createLog: () => createLogger({ level: 'info', destination }) };
}

describe('ShedLog: load shedding is logged as a summary, not a line per refused request', () => {
  test('a thousand refusals in ten seconds give one line; the next line counts what was refused since', async () => {
    const { lines, createLog } = capture();
    let now = 0;
    const shed = new ShedLog(createLog(), () => now);

    for (let i = 0; i < 1000; i++) {
      now += 9;
      shed.refusedOne(6.2);
    }
    now = 10_010;
    shed.refusedOne(5.5);
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines.map((l) => l.msg)).toEqual(['shedding load: the turn queue is over its wait budget', 'still shedding load']);
    expect(lines[0]).toMatchObject({ refused: 1, queue_seconds: 6.2 });
    expect(lines[1]).toMatchObject({ refused: 1000, queue_seconds: 5.5 });
  });
});
