/**
 * /console/approvals: the requests waiting for the signed-in agent's decision (approvals sent to their work
 * e-mail). English and Chinese side by side, like the approval mail; the script is approvals.script.ts.
 */
export const APPROVALS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Approvals / 审批 · Frontdesk</title>
<style>
  * { box-sizing: border-box; }
  body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; background: #f3f4f6; color: #111827; font-size: 15px; }
  header { display: flex; align-items: center; gap: 12px; padding: 10px 16px; background: #1f2937; color: #fff; }
  header h1 { font-size: 1.05rem; margin: 0; flex: 1; }
  header a { color: #fff; }
  main { max-width: 48rem; margin: 0 auto; padding: 8px 16px 24px; }
  button, textarea { font: inherit; }
  button { border: 1px solid #1d4ed8; background: #2563eb; color: #fff; border-radius: 6px; padding: 6px 12px; cursor: pointer; }
  button.deny { background: #fff; color: #991b1b; border-color: #991b1b; }
  button:disabled { opacity: .45; cursor: not-allowed; }
  :focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
  article { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
  article h2 { font-size: 1rem; margin: 0 0 6px; }
  .meta { color: #4b5563; font-size: .85rem; }
  label { display: block; margin: 8px 0 2px; font-weight: 600; }
  textarea { width: 100%; padding: 8px; border: 1px solid #6b7280; border-radius: 6px; }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
  .status { min-height: 1.2em; margin: 6px 0 0; color: #991b1b; }
  .done { color: #166534; }
</style>
</head>
<body>
<header><h1>Approvals / 审批</h1><a href="/console">Console / 控制台</a></header>
<main>
  <p id="intro" class="meta" aria-live="polite">Loading… / 加载中…</p>
  <div id="approvals"></div>
</main>
<script src="/console/i18n.js"></script>
<script src="/console/approvals.js"></script>
</body>
</html>`;
