/** The preview page's CSS. Plain and high-contrast: it frames the email, it is not part of it. */
export const PREVIEW_STYLE = `
:root { color-scheme: light; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; }
.bar { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 10px 20px; background: #4a2c6d; color: #fff; }
.bar h1 { margin: 0; font-size: 17px; }
.bar #issue { font-weight: 400; opacity: 0.85; }
.controls { display: flex; gap: 12px; }
.controls [role=group] { display: inline-flex; border: 1px solid #d6bcfa; border-radius: 6px; overflow: hidden; }
.controls button { font: inherit; padding: 4px 12px; border: 0; background: transparent; color: #fff; cursor: pointer; }
.controls button[aria-pressed=true] { background: #fff; color: #4a2c6d; font-weight: 600; }
.controls button:focus-visible { outline: 3px solid #fbd38d; outline-offset: -3px; }
#status { margin: 0 0 0 auto; font-size: 13px; }
#status.down { color: #fbd38d; font-weight: 600; }
main { padding: 16px 20px 40px; }
h2 { margin: 0 0 8px; font-size: 14px; text-transform: uppercase; letter-spacing: 0.04em; color: #52606d; }
h2 .size { text-transform: none; letter-spacing: 0; font-weight: 400; }
section { margin: 0 0 20px; }
#problems:empty { display: none; }
.notice { margin: 0 0 8px; padding: 8px 12px; border-radius: 6px; font-weight: 600; }
.notice.stale { background: #fff4d6; border: 1px solid #d69e2e; color: #5f370e; }
.notice.error { background: #fde2e1; border: 1px solid #c53030; color: #742a2a; }
.ok { margin: 0; color: #276749; }
.problems { margin: 0; padding: 0; list-style: none; background: #fff; border: 1px solid #d2d6dc; border-radius: 6px; }
.problems li { padding: 6px 12px; border-top: 1px solid #e4e7eb; }
.problems li:first-child { border-top: 0; }
.problems .where { font-weight: 600; }
.problems .error .severity { color: #c53030; font-weight: 600; }
.problems .warning .severity { color: #975a16; font-weight: 600; }
.problems .hint { margin-left: 1.5em; color: #52606d; font-size: 14px; }
.headers { border-collapse: collapse; background: #fff; border: 1px solid #d2d6dc; width: 100%; max-width: 1280px; }
.headers th, .headers td { padding: 4px 12px; text-align: left; vertical-align: top; border-top: 1px solid #e4e7eb; }
.headers th { width: 9em; color: #52606d; font-weight: 600; white-space: nowrap; }
.headers td { overflow-wrap: anywhere; }
.none, .empty { color: #7b8794; }
.views { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.html-view { flex: 1 1 640px; min-width: 0; }
.text-view { flex: 0 1 auto; min-width: 0; }
.frame-box { width: 100%; min-width: 602px; }
/* The borders are outside the widths the email gets: 600 px and more, or exactly 375 px. */
.frame-box[data-width=phone] { width: 391px; min-width: 391px; margin: 0 auto; }
#email { display: block; width: 100%; height: 600px; border: 1px solid #d2d6dc; border-radius: 4px; background: #fff; }
.frame-box[data-width=phone] #email { border: 8px solid #1f2933; border-radius: 20px; }
/* The text as wrapped for sending, never re-wrapped by the page. */
#text { margin: 0; padding: 12px 16px; background: #fff; border: 1px solid #d2d6dc; border-radius: 4px; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre; overflow-x: auto; width: calc(80ch + 34px); max-width: 100%; }
`;
