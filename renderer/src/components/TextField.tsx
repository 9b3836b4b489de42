/** A labelled text input of a form grid with its field check's message under it (aria-invalid while it has one). */
export function TextField({ label, value, onChange, error, placeholder, testId }: { label: string; value: string; onChange: (v: string) => void; error?: string; placeholder?: string; testId: string }) {
  return (
    <label>
      <span>{label}</span>
      <input value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} placeholder={placeholder} data-testid={testId} />
      {error && <small className="field-error">{error}</small>}
    </label>
  );
}
