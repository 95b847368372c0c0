// Small building blocks of the design system: buttons, cards, pills. Styles live in ui.css.
import type { ButtonHTMLAttributes, CSSProperties, HTMLAttributes, ReactNode } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export function Button({
  variant = 'primary',
  busy = false,
  className,
  children,
  disabled,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; busy?: boolean }) {
  const cls = ['btn', variant === 'primary' ? '' : variant, className].filter(Boolean).join(' ');
  return (
    <button {...rest} type={type} className={cls} disabled={disabled || busy} aria-busy={busy || undefined}>
      {children}
    </button>
  );
}

export function Card({
  as: Tag = 'section',
  className,
  accent,
  style,
  children,
  ...rest
}: HTMLAttributes<HTMLElement> & { as?: 'section' | 'article' | 'div' | 'li'; accent?: string | null; children: ReactNode }) {
  // A category colour shows as the card's top border.
  const s: CSSProperties | undefined = accent ? { ...style, borderTopColor: accent, borderTopWidth: 4 } : style;
  return (
    <Tag {...rest} className={['card', className].filter(Boolean).join(' ')} style={s}>
      {children}
    </Tag>
  );
}

export type PillTone = 'neutral' | 'ok' | 'warn' | 'info';

export function Badge({ tone = 'neutral', color, children }: { tone?: PillTone; color?: string | null; children: ReactNode }) {
  const cls = tone === 'neutral' ? 'badge' : `badge ${tone}`;
  return (
    <span className={cls} style={color ? { borderColor: color } : undefined}>
      {color && <span className="dot" style={{ background: color }} aria-hidden="true" />}
      {children}
    </span>
  );
}

/**
 * A message next to what it is about: a polite confirmation ("Saved.", "Link sent.") or, with
 * `error`, an alert announced at once (a form's message).
 */
export function Notice({ children, error = false }: { children: ReactNode; error?: boolean }) {
  return (
    <p role={error ? 'alert' : 'status'} className={error ? 'form-error' : 'notice'}>
      {children}
    </p>
  );
}

/** A button whose action runs only after the reader confirms (deletions, deactivations). */
export function ConfirmButton({
  confirm,
  onConfirm,
  children,
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick'> & { confirm: string; onConfirm(): void; busy?: boolean }) {
  return (
    <Button variant="secondary" {...rest} onClick={() => window.confirm(confirm) && onConfirm()}>
      {children}
    </Button>
  );
}

/**
 * A column of a DataTable: its header and each row's cell (`rowHeader`: the row's <th>; `numeric`:
 * right-aligned figures).
 */
export interface Column<Row> {
  header: string;
  cell(row: Row): ReactNode;
  rowHeader?: boolean;
  numeric?: boolean;
  className?(row: Row): string | undefined;
}

/**
 * A data table: a focusable region so keyboard users can scroll it sideways, a caption for screen
 * readers (the region's label) and its column headers; the page gives the columns. On a phone each
 * row shows as "header: value" lines (ui.css), so no column goes out of sight; the explicit roles
 * keep the table's semantics when CSS changes its display.
 */

export function DataTable<Row>({
  label,
  testId,
  columns,
  rows,
  rowKey,
  rowProps,
}: {
  label: string;
  testId?: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string | number;
  rowProps?(row: Row): Record<`data-${string}`, string>;
}) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="data-table stacked" role="table" data-testid={testId}>
        <caption className="visually-hidden">{label}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((c, i) => (
              <th scope="col" role="columnheader" key={i} className={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((r) => (
            <tr key={rowKey(r)} role="row" {...rowProps?.(r)}>
              {columns.map(({ header, rowHeader, numeric, cell, className }, i) => {
                const Cell = rowHeader ? 'th' : 'td';
                const classes = [numeric && 'num', className?.(r)].filter(Boolean).join(' ');
                return (
                  <Cell
                    key={i}
                    scope={rowHeader ? 'row' : undefined}
                    role={rowHeader ? 'rowheader' : 'cell'}
                    className={classes || undefined}
                    data-label={header}
                  >
                    {cell(r)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
