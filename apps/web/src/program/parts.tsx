import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationResult } from 'urql';
import { FormError, useChangeForm } from '../ui/change-form';
import { useDates } from '../ui/dates';
import { formatCode, spokenCode } from './one-time-code';
import { LabelAndHint } from '../ui/LabelAndHint';

/** The browser's own time zone: a code's expiry is said in the time of the person holding it. */
const HERE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Thursday 3 December, 10:45", where the person reading it is. */
export function useWhen() {
  const dates = useDates();
  return (iso: string) => dates.meeting(iso, HERE);
}

/**
 * A one-time code, large, as XXXX-XXXX-XXXX, spelled out for screen readers. It exists only in
 * the answer that created it and in this component's parent's memory: leaving the screen ends it.
 */
export function OneTimeCode({ code, id }: { code: string; id: string }) {
  return (
    <p className="one-time-code" id={id}>
      <code aria-hidden="true">{formatCode(code)}</code>
      <span className="visually-hidden">{spokenCode(code)}</span>
    </p>
  );
}

/**
 * One button that writes (confirm, approve, reactivate): the same form idiom as every other
 * writing form (ui/change-form), so a refusal is said in plain words next to the button.
 */
export function ActOnce({
  label,
  send,
  onDone,
}: {
  label: string;
  send: (idempotencyKey: string) => Promise<OperationResult>;
  onDone: () => void;
}) {
  const form = useChangeForm();
  return (
    <form onSubmit={(event) => void form.submit(event, null, send, onDone)}>
      <FormError error={form.error} />
      <button type="submit" className="primary" aria-disabled={form.busy}>
        {label}
      </button>
    </form>
  );
}

/** What a section just did, said to screen readers too; the region exists before it speaks. */
export function Said({ text }: { text: string }) {
  return (
    <p role="status" className="small strong">
      {text}
    </p>
  );
}

/** "Case manager", "Doctor"…: a staff member's discipline in plain words, or their program role. */
export function useStaffRole() {
  const { t } = useTranslation();
  return (programRole: string | null, discipline: string | null) =>
    [
      programRole && programRole !== 'STAFF' ? t(`accounts.roles.${programRole}`) : null,
      discipline ? t(`team.roles.${discipline}`) : null,
    ]
      .filter(Boolean)
      .join(' · ');
}

/** A labelled text field with an optional hint the screen reader hears with it. */
export function TextField({
  id,
  label,
  hint,
  value,
  onChange,
  rows,
  type = 'text',
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** A text area of this many rows instead of one line. */
  rows?: number;
  type?: 'text' | 'email';
}) {
  const described = hint ? `${id}-hint` : undefined;
  return (
    <>
      {hint ? <LabelAndHint id={id} label={label} hint={hint} inline /> : <label htmlFor={id}>{label}</label>}
      {rows ? (
        <textarea
          id={id}
          rows={rows}
          value={value}
          aria-describedby={described}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          id={id}
          type={type}
          autoComplete="off"
          value={value}
          aria-describedby={described}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </>
  );
}

/**
 * One list of things to act on: a heading, what it is for, "nothing here" when empty, the
 * items, and what was just done (which stays after the item it was about leaves the list).
 */
export function ListSection({
  id,
  level,
  title,
  intro,
  none,
  count,
  said = '',
  loading,
  children,
}: {
  id: string;
  level: 2 | 3;
  title: string;
  intro: string;
  none: string;
  /** How many items; "nothing here" shows at 0 (not while loading). */
  count: number | null;
  said?: string;
  loading?: ReactNode;
  children: ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id}>
      <Heading id={id}>{title}</Heading>
      <p className="muted small">{intro}</p>
      {loading}
      {count === 0 && <p className="card">{none}</p>}
      <ul className="list">{children}</ul>
      <Said text={said} />
    </section>
  );
}
