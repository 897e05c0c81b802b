/** A value and the words shown for it in a select. */
export type Choice = readonly [value: string, label: string];

/** People to choose from, by account, named as everyone sees them. */
export function peopleChoices(people: readonly { accountId?: string | null; displayName: string }[]): Choice[] {
  return people.map((person) => [person.accountId ?? '', person.displayName]);
}

/** A select's options: first the empty choice, in words ("Choose…", "Nobody", "The whole minutes"), then the rest. */
export function ChoiceOptions({ none, choices }: { none: string; choices: Iterable<Choice> }) {
  return (
    <>
      <option value="">{none}</option>
      {[...choices].map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}
