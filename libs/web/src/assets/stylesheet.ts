/**
 * The pages' one stylesheet (WEB-8: readable at 320 px, light and dark after `prefers-color-scheme`, a
 * visible focus ring; contrast of at least 4.5:1 for text in both schemes). Served from /assets with a
 * content hash in its URL, never inline (WEB-7's CSP has no 'unsafe-inline').
 */
export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --card: #ffffff; --text: #1b1f24; --muted: #4f5863; --line: #c9ced6;
  --accent: #0b5cad; --accent-text: #ffffff; --danger: #b3261e; --ok: #1e6b36; --focus: #f5a300;
  --radius: 10px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans JP", "Noto Sans SC", sans-serif;
  font-size: 100%; line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #111418; --card: #1b2027; --text: #e8ebef; --muted: #aab3bd; --line: #3a434e;
    --accent: #6cb2ff; --accent-text: #0b1320; --danger: #ff9d94; --ok: #7fd49a; --focus: #ffc34d;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); }
a { color: var(--accent); }
/* A link alone on its line is a target of its own (WCAG 2.2 target size: at least 24 px). */
p > a:only-child:not(.button) { display: inline-block; min-height: 24px; padding: .2rem 0; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px;
}
.skip-link { position: absolute; left: -999px; top: 0; background: var(--card); padding: .5rem 1rem; }
.skip-link:focus { left: .5rem; top: .5rem; z-index: 10; }
header.site { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between;
  padding: .75rem 1rem; border-bottom: 1px solid var(--line); background: var(--card); }
header.site .brand { font-weight: 700; color: var(--text); text-decoration: none; }
header.site nav ul { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
main { max-width: 30rem; margin: 1.5rem auto; padding: 0 1rem; }
main.wide { max-width: 64rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.25rem; margin-bottom: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 .75rem; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
p { margin: 0 0 .75rem; }
.muted, .hint { color: var(--muted); }
.hint { font-size: .9rem; margin: .25rem 0 0; }
form .field { margin-bottom: 1rem; }
label, legend { display: block; font-weight: 600; margin-bottom: .25rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
input[type=email], input[type=password], input[type=text], input[type=tel], input[type=date], select, textarea {
  width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid var(--line); border-radius: 6px;
  background: var(--bg); color: var(--text); min-height: 2.75rem;
}
textarea { resize: vertical; }
input.code { font-size: 1.4rem; letter-spacing: .3em; font-variant-numeric: tabular-nums; max-width: 12rem; }
input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true] { border-color: var(--danger); border-width: 2px; }
.error { color: var(--danger); font-weight: 600; margin: .25rem 0 0; }
.notice { border-left: 4px solid var(--accent); padding: .5rem .75rem; background: var(--bg); margin-bottom: 1rem; }
.notice.error-summary { border-color: var(--danger); }
.notice.success { border-color: var(--ok); }
.choice { display: flex; gap: .6rem; align-items: flex-start; margin: .5rem 0; }
.choice input { flex: none; margin-top: .35rem; width: 1.2rem; height: 1.2rem; accent-color: var(--accent); }
.choice label { font-weight: 400; }
button, .button { display: inline-block; font: inherit; font-weight: 600; padding: .6rem 1.1rem; min-height: 2.75rem;
  border-radius: 6px; border: 2px solid var(--accent); background: var(--accent); color: var(--accent-text); cursor: pointer;
  text-decoration: none; }
button.secondary, .button.secondary { background: transparent; color: var(--accent); }
button.danger { background: transparent; color: var(--danger); border-color: var(--danger); }
button:disabled { opacity: .6; cursor: not-allowed; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin-top: 1rem; }
.inline-form { display: inline; }
.row-actions { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
.action-form { margin: .5rem 0 0; }
.row-actions .action-form, td .action-form { margin: 0; }
section.card > ul { margin: 0 0 .75rem; padding-left: 1.25rem; }
.qr { display: block; width: 220px; height: 220px; max-width: 100%; background: #fff; padding: 10px; border-radius: 6px; image-rendering: pixelated; }
.secret { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 1.1rem; word-spacing: .4em;
  overflow-wrap: anywhere; background: var(--bg); padding: .5rem; border-radius: 6px; }
.recovery-code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 1.3rem; letter-spacing: .05em;
  overflow-wrap: anywhere; background: var(--bg); padding: .75rem; border-radius: 6px; border: 1px dashed var(--line); }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.table-scroll { overflow-x: auto; }
details { margin: .75rem 0; }
summary { cursor: pointer; font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.js-only { display: none; }
html.js .js-only { display: inline-block; }
/* What only a browser without script needs to read (a passkey cannot be made there): gone once the script runs. */
html.js .without-script { display: none; }
/* The admin console (WEB-5): where you are, its sections, list filters and pages; the current one is marked
   by weight and an underline as well as colour, never by colour alone (WEB-8). */
.breadcrumb ol, .tabs ul, .filters ul, .pagination ul, ul.links { list-style: none; margin: 0 0 1rem; padding: 0; }
.breadcrumb ol, .tabs ul, .filters ul, .pagination ul { display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
.breadcrumb li + li::before { content: "›"; margin-right: .75rem; color: var(--muted); }
.tabs ul { border-bottom: 1px solid var(--line); gap: 0 .25rem; }
.tabs a, .filters a, .pagination a { display: inline-block; padding: .5rem .6rem; min-height: 2.75rem; }
.tabs a[aria-current], .filters a[aria-current], .pagination a[aria-current] {
  font-weight: 700; color: var(--text); text-decoration: underline; text-decoration-thickness: 3px; text-underline-offset: .4em; }
.pagination p { margin: .75rem 0 .25rem; }
.pagination li[aria-hidden] { padding: .5rem .25rem; }
ul.links li { margin: .25rem 0; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .5rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
ul.instants { margin: 0; padding: 0; list-style: none; }
ul.instants li { margin-bottom: .35rem; }
ul.instants time { font-weight: 600; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
td code { font-size: .8rem; overflow-wrap: anywhere; }
th[scope=row] { font-weight: 400; overflow-wrap: anywhere; min-width: 9rem; }
@media (max-width: 30rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .5rem; } }
footer.site { max-width: 64rem; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: .9rem; }
@media (max-width: 400px) { main { margin-top: 1rem; padding: 0 .5rem; } .card { padding: 1rem; } h1 { font-size: 1.3rem; } }
`;
