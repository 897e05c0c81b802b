/** A line that says what a part of the screen just did, read out by screen readers when it changes. */
export function StatusLine({ text, muted = false }: { text: string; muted?: boolean }) {
  return (
    <p role="status" className={muted ? 'muted small' : 'small'}>
      {text}
    </p>
  );
}
