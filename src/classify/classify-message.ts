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
  /** Impact/urgency cues found in the text, e.g. "impact:team", "urgency:security". */
  signals: string[];
};

/** Classify a message and estimate its priority from the text (defaults by type where it says nothing). */
export function assessMessage(classifier: TicketClassifier, text: string): MessageAssessment {
  const c = classifier.classify(text);
  const iu = withDefaults(estimateImpactUrgency(text), c.type);
  return {
    text,
    category: c.category,
    type: c.type,
    impact: iu.impact,
    urgency: iu.urgency,
    priority: priorityOf(iu.impact, iu.urgency),
    confidence: c.confidence.category,
    typeConfidence: c.confidence.type,
    lang: c.lang,
    uncertain: c.uncertain,
    signals: iu.signals,
  };
}
