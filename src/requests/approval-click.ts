/** The value of an approver's Approve / Deny button: `approval:<id>:approve|deny`. */
export const APPROVAL_CLICK = /^approval:(\d+):(approve|deny)$/;

/**
 * Whether a button value is an approver's decision. Such a card stands apart from the conversation's own
 * questions: it stays answerable while the approver's chat moves on (the approval row says whether it is
 * still open), and it does not close the approver's own questions either.
 */
export function isApprovalClick(value: string): boolean {
  return APPROVAL_CLICK.test(value);
}
