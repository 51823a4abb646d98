import type { DirectoryUser } from '../model';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The dev tenant's sign-in page: stands in for Teams/Outlook SSO when Rapport runs in a plain
 * browser. Demo personas first, then everyone (filterable). Each person is a submit button of one
 * form that carries the original authorize request's parameters as hidden fields.
 */
export function renderSigninPage(opts: {
  tenantName: string;
  appName: string;
  action: string;
  params: Record<string, string>;
  personas: DirectoryUser[];
  others: DirectoryUser[];
}): string {
  const hidden = Object.entries(opts.params)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  const person = (u: DirectoryUser, persona?: string) => `
    <li><button type="submit" name="user_id" value="${esc(u.id)}" data-search="${esc(
      `${u.displayName} ${u.jobTitle ?? ''} ${u.department ?? ''} ${u.mail ?? ''}`.toLowerCase(),
    )}">
      <span class="avatar" aria-hidden="true">${esc(
        u.displayName
          .split(/\s+/)
          .map((p) => p[0] ?? '')
          .join('')
          .slice(0, 2),
      )}</span>
      <span class="who"><span class="name">${esc(u.displayName)}</span>
      <span class="title">${esc([u.jobTitle, u.department].filter(Boolean).join(' · '))}</span>
      ${persona ? `<span class="persona">${esc(persona)}</span>` : ''}</span>
    </button></li>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sign in — ${esc(opts.tenantName)} (Rapport dev tenant)</title>
<style>
  :root { color-scheme: light dark; --accent: #5b5fc7; }
  body { font-family: "Segoe UI", system-ui, sans-serif; margin: 0; background: Canvas; color: CanvasText; }
  main { max-width: 640px; margin: 40px auto; padding: 0 20px; }
  h1 { font-size: 24px; font-weight: 600; margin: 0 0 4px; }
  p.sub { margin: 0 0 24px; opacity: .8; }
  h2 { font-size: 14px; text-transform: uppercase; letter-spacing: .04em; opacity: .75; margin: 24px 0 8px; }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
  button { all: unset; box-sizing: border-box; width: 100%; display: flex; gap: 12px; align-items: center; padding: 10px 12px;
    border: 1px solid color-mix(in srgb, CanvasText 18%, transparent); border-radius: 8px; cursor: pointer; }
  button:hover { background: color-mix(in srgb, var(--accent) 10%, transparent); }
  button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  .avatar { flex: none; width: 36px; height: 36px; border-radius: 50%; background: var(--accent); color: #fff;
    display: grid; place-items: center; font-weight: 600; }
  .who { display: grid; }
  .name { font-weight: 600; }
  .title, .persona { font-size: 13px; opacity: .8; }
  .persona { color: var(--accent); opacity: 1; }
  input[type=search] { width: 100%; box-sizing: border-box; padding: 8px 10px; font: inherit; border-radius: 6px;
    border: 1px solid color-mix(in srgb, CanvasText 30%, transparent); background: Field; color: FieldText; }
  .note { font-size: 13px; opacity: .7; margin-top: 24px; }
</style></head>
<body><main>
  <h1>Sign in to ${esc(opts.appName)}</h1>
  <p class="sub">${esc(opts.tenantName)} · built-in dev tenant. Choose who you are; no password in demo mode.</p>
  <form method="post" action="${esc(opts.action)}">${hidden}
    <section aria-labelledby="personas"><h2 id="personas">Demo users</h2>
      <ul>${opts.personas.map((u) => person(u, u.demoPersona)).join('')}</ul></section>
    <section aria-labelledby="everyone"><h2 id="everyone">Everyone else (${opts.others.length})</h2>
      <label for="q" class="title">Filter by name, title or department</label>
      <input id="q" type="search" autocomplete="off" placeholder="e.g. Finance">
      <ul id="others">${opts.others.map((u) => person(u)).join('')}</ul></section>
  </form>
  <p class="note">This page stands in for Microsoft Teams and Outlook single sign-on outside a host.</p>
</main>
<script>
  const q = document.getElementById('q');
  q.addEventListener('input', () => {
    const v = q.value.trim().toLowerCase();
    for (const b of document.querySelectorAll('#others button')) b.parentElement.hidden = v && !b.dataset.search.includes(v);
  });
</script></body></html>`;
}
