// Form controls of the authoring pages: a label, the control, an optional hint and the error
// next to it (aria-describedby), matching the account forms' look.
import { useId, type ReactNode } from 'react';

interface Common {
  label: string;
  error?: string;
  hint?: ReactNode;
  name: string;
}

function Wrap({ id, label, error, hint, name, children }: Common & { id: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" data-field-error={name}>
          {error}
        </p>
      )}
    </div>
  );
}

const describedBy = (id: string, c: Common) =>
  [c.hint ? `${id}-hint` : null, c.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

export function TextInput(
  props: Common & {
    value: string;
    onChange(v: string): void;
    type?: 'text' | 'url' | 'number' | 'datetime-local';
    required?: boolean;
    min?: number;
    step?: number | 'any';
    maxLength?: number;
  },
) {
  const id = useId();
  return (
    <Wrap id={id} {...props}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required}
        min={props.min}
        step={props.step}
        maxLength={props.maxLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
      />
    </Wrap>
  );
}

export function TextArea(props: Common & { value: string; onChange(v: string): void; rows?: number }) {
  const id = useId();
  return (
    <Wrap id={id} {...props}>
      <textarea
        id={id}
        name={props.name}
        value={props.value}
        rows={props.rows ?? 4}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
      />
    </Wrap>
  );
}

export function Select(
  props: Common & { value: string; onChange(v: string): void; options: { value: string; label: string }[] },
) {
  const id = useId();
  return (
    <Wrap id={id} {...props}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function Checkbox({
  label,
  checked,
  onChange,
  name,
}: {
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  name: string;
}) {
  return (
    <label className="checkbox">
      <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** ISO ↔ the value of an <input type="datetime-local"> (the reader's local time). */
export function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function localInputToIso(v: string): string | null {
  return v ? new Date(v).toISOString() : null;
}
