import { defineDialog } from '../src/dialog/schema';
import { commonSlots } from '../src/dialog/common-slots';

/** General incident intake: the service-desk questions for anything broken that no specific dialog covers. */
export const generalIncidentDialog = defineDialog({
  id: 'general-incident',
  version: 2,
  type: 'incident',
  title: { en: 'Report a problem', zh: '报告问题' },
  slots: [
    commonSlots.problem(),
    // A how-to question has no start time and nothing was going on when it "happened".
    { ...commonSlots.since(), when: { fact: 'howTo', notIn: ['true'] } },
    { ...commonSlots.doing(), when: { fact: 'howTo', notIn: ['true'] } },
    commonSlots.error(),
    commonSlots.impact(),
    commonSlots.urgency(),
    commonSlots.name(),
    commonSlots.department(),
    commonSlots.contact(),
  ],
  summary: { en: '{problem}[ ({error})][, {since}][, {impact}]', zh: '{problem}[（{error}）][，{since}][，{impact}]' },
});
