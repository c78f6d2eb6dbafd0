import type { Lang } from '../types/conversation';

/** What a whole message does in the dialog; undefined in an Understanding means it is content. */
export type Act =
  | 'affirm' | 'deny' | 'resolved' | 'not_resolved' | 'thanks' | 'cancel' | 'human' | 'status'
  | 'greeting' | 'help' | 'restart' | 'skip' | 'back' | 'new';

/** A security event that takes the security path. */
export type SecurityKind =
  | 'credentials_phished' | 'phishing_report' | 'account_compromise' | 'app_consent' | 'payment_fraud' | 'ransomware' | 'malware' | 'lost_device' | 'intruder' | 'data_leak' | 'secret_exposed';

/** Roles a named person can have in a message. */
export type PersonRole = 'approver' | 'manager' | 'colleague' | 'assistant' | 'new_hire';
/** Where the user (or the device) is. */
export type LocationKind = 'home' | 'office' | 'travelling' | 'site';
/** Kinds of device, coarse enough to decide which questions fit. */
export type DeviceKind = 'laptop' | 'desktop' | 'phone' | 'tablet' | 'printer' | 'monitor' | 'peripheral' | 'other';
/** How many people a problem touches. */
export type ScopeLevel = 'me' | 'few' | 'team' | 'department' | 'office' | 'company' | 'remote_staff';

/** Facts named in a message. */
export type Entities = {
  emails: string[];
  phones: string[];
  people: { name: string; role?: PersonRole }[];
  approval?: 'given' | 'pending';
  location?: { kind: LocationKind; text: string };
  device?: { kind: DeviceKind; text: string };
  /** A device pinned by the team it belongs to ("人事部那台惠普打印机"): no "which printer?" then. */
  teamDevice?: string;
  /** Several devices at once ("all the printers on 3"): no single one to name. */
  manyDevices?: true;
  application?: string;
  errorCodes: string[];
  errorText?: string;
  since?: string;
  deadline?: { text: string; at?: string };
  scope?: { level: ScopeLevel; count?: number; text: string };
  urgency: { workStopped: boolean; canWait: boolean; cues: string[] };
};

/** The one analysis of a message that every phase of a turn reads. */
export type Understanding = {
  /** Sticky: the conversation's language unless the message is a clear sentence in the other one. */
  lang: Lang;
  act?: Act;
  /** How the message reads as an answer to a yes/no question. */
  polarity?: 'yes' | 'no';
  /** Content riding along with an act ("no, other people can't print either" -> "other people can't print either"). */
  details?: string;
  /** Canonical ticket numbers (INC-000001, REQ-000042). */
  ticketNumbers: string[];
  security?: SecurityKind;
  howTo: boolean;
  vague: boolean;
  /** A short answer that leans without saying yes or no ("kind of?", "好像可以了吧"). */
  hedged: boolean;
  /** The message names a device or app and nothing else ("电脑", "my laptop", "VPN"): what is wrong with it is still unsaid. */
  bareThing?: string;
  entities: Entities;
};

/** What understand() needs besides the text. */
export type UnderstandContext = { conversationLang?: Lang; now: Date; timeZone: string };
