import { commonSlots } from '../../src/dialog/common-slots';
import { defineDialog } from '../../src/dialog/schema';
import { answeredProfile } from '../../src/engine/turns/answered-profile';
import type { User } from '../../src/store/store';

const dialog = defineDialog({
  id: 'who', version: 1, type: 'incident', title: { en: 'Report', zh: '报告' },
  slots: [commonSlots.problem(), commonSlots.name(), commonSlots.department(), commonSlots.contact()],
  summary: { en: '{problem}', zh: '{problem}' },
});
const user = (fields: Partial<User> = {}): User => ({ id: 1, channel: 'webchat', platformUserId: 's1', lang: 'en', ...fields });

describe('answeredProfile: what the user said about themselves, for the fields their record lacks (#21 defect 9)', () => {
  const answers = { problem: 'Monitor flickers', name: 'Jane Doe', department: 'Finance', contact: 'jane@example.com' };

  test('an unknown user gets name, department and e-mail from the answers; other slots are not profile', () => {
    expect(answeredProfile([dialog], answers, user())).toEqual({ name: 'Jane Doe', department: 'Finance', email: 'jane@example.com' });
  });

  test('a known field (a directory\'s or platform\'s) is kept; nothing left means no change', () => {
    expect(answeredProfile([dialog], answers, user({ name: 'Jane D. (directory)' }))).toEqual({ department: 'Finance', email: 'jane@example.com' });
    expect(answeredProfile([dialog], answers, user({ name: 'J', department: 'F', email: 'j@x.com' }))).toBeUndefined();
  });

  test('an answer that is no e-mail address is not stored as one', () => {
    expect(answeredProfile([dialog], { contact: 'call me on 555-1234' }, user())).toBeUndefined();
  });
});
