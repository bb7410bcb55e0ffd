/**
 * The development login page: one button per named account, no password. Plain HTML so
 * that tests (and `devLogin`) can drive it with fetch as well as with a browser.
 */
import { devAccounts } from './accounts.ts';

export function loginPage(o: { uid: string; clientId: string; issuer: string }): string {
  const buttons = devAccounts
    .map(
      (a) =>
        `<button type="submit" name="account" value="${a.id}" data-account="${a.id}">` +
        `<strong>${a.name}</strong><span>${a.email}</span></button>`,
    )
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Trine development sign-in</title>
  <style>
    body { font: 16px system-ui, sans-serif; background: #f4f4f7; margin: 0; }
    main { max-width: 360px; margin: 48px auto; background: #fff; padding: 24px; border-radius: 12px;
      box-shadow: 0 2px 8px rgba(0,0,0,.1); }
    h1 { font-size: 20px; margin: 0 0 4px; } p { color: #555; margin: 0 0 16px; font-size: 14px; }
    button { display: flex; flex-direction: column; width: 100%; text-align: left; padding: 10px 14px;
      margin: 8px 0; border: 1px solid #ccd; border-radius: 8px; background: #fff; cursor: pointer; }
    button:hover { background: #eef; } span { color: #666; font-size: 13px; }
  </style>
</head>
<body>
  <main>
    <h1>Sign in</h1>
    <p>Development accounts of ${escapeHtml(o.issuer)} for <code>${escapeHtml(o.clientId)}</code>. Not for real funds.</p>
    <form method="post" action="/interaction/${escapeHtml(o.uid)}/login">
      ${buttons}
    </form>
  </main>
</body>
</html>`;
}

export function errorPage(title: string, detail: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font:16px system-ui,sans-serif;max-width:480px;margin:48px auto">
<h1>${escapeHtml(title)}</h1><pre style="white-space:pre-wrap">${escapeHtml(detail)}</pre></body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
