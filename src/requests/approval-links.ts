import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { readBody, SECURITY_HEADERS } from '../http/body';
import type { HttpRouter } from '../http/router';
import type { Logger } from '../log';
import type { Approvals } from './approvals';
import type { ApprovalRow, RequestStore } from './request-store';

/** The signature of an approval link: only the approver's own mail carries it. */
export function approvalSignature(key: Buffer, row: Pick<ApprovalRow, 'id' | 'approverEmail'>): string {
  return createHmac('sha256', key).update(`approval:${row.id}:${row.approverEmail.toLowerCase()}`).digest('base64url');
}

/** The link in an approver's mail. */
export function approvalLink(publicUrl: string, key: Buffer, row: Pick<ApprovalRow, 'id' | 'approverEmail'>): string {
  return `${publicUrl.replace(/\/+$/, '')}/approvals/${row.id}?sig=${approvalSignature(key, row)}`;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Approval / 审批</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}textarea,button{display:block;width:100%;margin:.4rem 0}</style></head><body>${body}</body></html>`);
}

/**
 * `/approvals/:id?sig=…`: the approval page an approver without a chat channel reaches from their mail.
 * GET only shows the request (mail scanners open links; a GET must not decide anything); one click on
 * Approve, or Deny with a reason, POSTs the decision. The signature binds the link to the approval and
 * its approver; a settled approval answers that it was decided already.
 */
export function mountApprovalPages(router: HttpRouter, o: { requests: RequestStore; approvals: Approvals; key: Buffer; clock: () => Date; log: Logger }): void {
  const load = async (params: Record<string, string>, url: string | undefined): Promise<ApprovalRow | null> => {
    const id = Number(params.id);
    const row = Number.isSafeInteger(id) && id > 0 ? await o.requests.approval(id) : null;
    const sig = new URL(url ?? '/', 'http://x').searchParams.get('sig') ?? '';
    if (!row) return null;
    const expected = Buffer.from(approvalSignature(o.key, row));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given) ? row : null;
  };
  router.add('GET', '/approvals/:id', async (req, res, params) => {
    const row = await load(params, req.url);
    if (!row) return page(res, 404, '<p>This approval link is not valid. / 审批链接无效。</p>');
    if (row.status !== 'pending') return page(res, 200, '<p>This request has already been decided. / 此申请已处理。</p>');
    const details = Object.entries(row.request).map(([k, v]) => `<li>${escape(k)}: ${escape(v)}</li>`).join('');
    page(res, 200, `<h1>${escape(row.catalogId)}</h1><p>${escape(row.requesterEmail)}</p><ul>${details}</ul>
<form method="post"><input type="hidden" name="decision" value="approve"><button type="submit">Approve / 批准</button></form>
<form method="post"><input type="hidden" name="decision" value="deny"><textarea name="reason" required maxlength="500" placeholder="Reason / 原因"></textarea><button type="submit">Deny / 拒绝</button></form>`);
  });
  router.add('POST', '/approvals/:id', async (req, res, params) => {
    const row = await load(params, req.url);
    const form = new URLSearchParams((await readBody(req, 8192)).toString('utf8'));
    if (!row) return page(res, 404, '<p>This approval link is not valid. / 审批链接无效。</p>');
    const now = o.clock();
    const decision = form.get('decision');
    const reason = (form.get('reason') ?? '').trim().slice(0, 500);
    if (decision === 'deny' && !reason) return page(res, 400, '<p>Please give a reason. / 请填写原因。</p>');
    if (decision !== 'approve' && decision !== 'deny') return page(res, 400, '<p>Approve or deny. / 请选择批准或拒绝。</p>');
    if (row.approverEmail === row.requesterEmail) return page(res, 403, "<p>You can't approve your own request. / 不能审批自己的申请。</p>");
    o.log.info({ approval: row.id, decision }, 'approval decided from a mail link');
    const done = decision === 'approve' ? (await o.approvals.approve(row, row.approverEmail, now)) !== null : await o.approvals.deny(row, row.approverEmail, reason, now);
    page(res, done ? 200 : 409, done ? '<p>Thank you: the requester has been told. / 已处理，并已通知申请人。</p>' : '<p>This request has already been decided. / 此申请已处理。</p>');
  });
}
