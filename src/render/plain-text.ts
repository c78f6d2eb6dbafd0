import type { OutboundMessage } from '../types/conversation';

/**
 * Flatten any outbound message to plain text, with choices as a numbered list. Used for transcripts
 * and for channels without buttons; the user may answer with the number or the label.
 */
export function toPlainText(message: OutboundMessage): string {
  switch (message.kind) {
    case 'text':
      return message.text;
    case 'choice':
      return [message.text, ...numbered(message.choices.map((c) => c.label))].join('\n');
    case 'card': {
      const lines = [`**${message.title}**`, message.text];
      for (const field of message.fields) lines.push(`${field.label}: ${field.value}`);
      for (const link of message.links) lines.push(`${link.label}: ${link.url}`);
      if (message.choices.length > 0) lines.push(...numbered(message.choices.map((c) => c.label)));
      return lines.join('\n');
    }
    case 'form':
      return [message.text, ...message.fields.map((f, i) => formLine(i, f.label, f.choices?.map((c) => c.label)))].join('\n');
  }
}

function numbered(labels: string[]): string[] {
  return labels.map((label, i) => `${i + 1}. ${label}`);
}

function formLine(index: number, numberedLabel: string, choices?: string[]): string {
  // A mail form's labels carry their question's number already ("1. For whom"): not numbered twice.
  const label = numberedLabel.replace(new RegExp(`^${index + 1}\\.\\s+`), '');
  return choices?.length ? `${index + 1}. ${label} (${choices.join(' / ')}):` : `${index + 1}. ${label}:`;
}
