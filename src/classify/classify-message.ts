import type { SecurityEvent } from '../engine/advice';
import { priorityOf } from '../tickets/priority';
import type { Impact, Priority, Urgency } from '../types/ticket';
import { estimateImpactUrgency, withDefaults } from './impact-urgency';
import type { Classification, TicketClassifier } from './ticket-classifier';

/** Classification plus impact, urgency and priority: what `frontdesk classify` prints. */
export type MessageAssessment = Omit<Classification, 'confidence'> & {
  text: string;
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  /** Calibrated confidence of the category, in [0, 1]. */
  confidence: number;
  /** Calibrated confidence of the type, in [0, 1]. */
  typeConfidence: number;
  /** Impact/urgency cues found in the text, e.g. "impact:team", "security:ransomware". */
  signals: string[];
  /** A security event the text reports (it decides category, type and the first reply). */
  security?: SecurityEvent;
  /** Days until a deadline or start date the text names (0 = today). */
  deadlineDays?: number;
};

/** Classify a message and estimate its priority from the text (defaults by type where it says nothing). */
export function assessMessage(classifier: TicketClassifier, text: string, now: Date = new Date()): MessageAssessment {
  const c = classifier.classify(text);
  const estimate = estimateImpactUrgency(text, now);
  // A security event is a security incident whatever the words around it (a lost laptop is not a hardware fault);
  // without one, a weak "security" guess (short texts like "电脑") goes to the generalists instead of the SOC.
  const category = estimate.security ? 'security' : c.category === 'security' && c.confidence.category < 0.8 ? deviceCategory(text) : c.category;
  const type = estimate.security ? 'incident' : c.type;
  const iu = withDefaults(estimate, type);
  return {
    text,
    category,
    type,
    impact: iu.impact,
    urgency: iu.urgency,
    priority: priorityOf(iu.impact, iu.urgency),
    confidence: estimate.security ? 1 : c.confidence.category,
    typeConfidence: c.confidence.type,
    lang: c.lang,
    uncertain: c.uncertain,
    signals: iu.signals,
    ...(estimate.security ? { security: estimate.security } : {}),
    ...(estimate.deadlineDays !== undefined ? { deadlineDays: estimate.deadlineDays } : {}),
  };
}

const HARDWARE = /\b(laptop|computer|pc|desktop|printer|monitor|screen|keyboard|mouse|dock|headset|webcam|phone)\b|电脑|笔记本|打印机|显示器|屏幕|键盘|鼠标|扩展坞|耳机|摄像头|手机/i;

/** The area a short text names by its device, else "other" (routed to the service desk). */
function deviceCategory(text: string): 'hardware' | 'other' {
  return HARDWARE.test(text) ? 'hardware' : 'other';
}
