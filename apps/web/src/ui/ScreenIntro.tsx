/**
 * The top of a screen: its heading (focused on arrival), what it is for, and what it just did,
 * said to screen readers too (the status region is there, hidden, before it speaks).
 */
export function ScreenIntro({ title, intro, status }: { title: string; intro: string; status: string }) {
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <p className="muted">{intro}</p>
      <p role="status" className="banner calm" hidden={!status}>
        {status}
      </p>
    </>
  );
}
