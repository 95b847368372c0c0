// A message's text, shown as text: React escapes it, line breaks are kept by CSS (pre-wrap).
// Never dangerouslySetInnerHTML: a `<script>` typed in a message is displayed, not run.
export function MessageBody({ content }: { content: string }) {
  return (
    <div className="message-body" data-testid="message-body">
      {content}
    </div>
  );
}
