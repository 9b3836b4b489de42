import { useEffect, useRef, useState } from 'react';
import { checkAmount, amountInputText, minorToMajor } from '../../../shared/amountText';
import { useAmountReader, type AmountRules } from '../amountInput';

/**
 * A money input for a value held in major units (a program file's yuan): shows `1,500,000.5`, accepts what people type
 * (`¥1,500,000`, `150万`, full-width digits; shared/amountText), reports the field-labelled problem to the form (so it
 * refuses to save) and shows it once the field is left.
 */
export function MoneyInput({
  value,
  onChange,
  onProblem,
  label,
  rules = {},
  name,
  testId,
}: {
  value: number | undefined;
  onChange: (major: number | undefined) => void;
  onProblem: (problem: string | null) => void;
  label: string;
  rules?: AmountRules;
  name?: string;
  testId?: string;
}) {
  const read = useAmountReader();
  const [text, setText] = useState(() => amountInputText(value));
  const [shown, setShown] = useState<string | null>(null);
  const problem = useRef<string | null>(null);
  // A value set from outside (the JSON editor, a new tier) replaces the text unless the text already reads as it.
  useEffect(() => {
    const r = checkAmount(text, rules);
    const current = r.minor === null ? undefined : minorToMajor(r.minor, rules.currency);
    if (!r.problem && current !== value) setText(amountInputText(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const change = (next: string) => {
    setText(next);
    const r = read(next, label, rules);
    problem.current = r.error;
    onProblem(r.error);
    if (!r.error) {
      setShown(null);
      onChange(r.minor === null ? undefined : minorToMajor(r.minor, rules.currency));
    }
  };
  return (
    <>
      <input
        name={name}
        inputMode="decimal"
        value={text}
        onChange={(e) => change(e.target.value)}
        onBlur={() => setShown(problem.current)}
        aria-invalid={shown ? true : undefined}
        data-testid={testId}
      />
      {shown && <small className="field-error">{shown}</small>}
    </>
  );
}
