// A post's body: HTML rendered from Markdown and sanitised on the server with an allow-list
// (packages/core/src/discussions/render.ts) — no script, no event handler, no javascript: URL
// can reach this point, which is why inserting it as HTML is safe.
export function PostHtml({ html }: { html: string }) {
  return <div className="post-html" dangerouslySetInnerHTML={{ __html: html }} />;
}
