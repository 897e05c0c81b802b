/**
 * A field's label and its hint, which the field names in aria-describedby as `${id}-hint`: a
 * short hint beside the label (`inline`), or a longer one on its own line under it.
 */
export function LabelAndHint({
  id,
  label,
  hint,
  inline = false,
}: {
  id: string;
  label: string;
  hint: string;
  inline?: boolean;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {inline ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : (
        <p className="muted small" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </>
  );
}
