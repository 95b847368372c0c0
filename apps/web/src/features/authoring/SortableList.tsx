// A list reordered by drag and drop (native HTML5) or, for keyboards and screen readers, by
// "up" / "down" buttons. Calls onReorder with the complete new order of ids.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n';

interface Props<T> {
  items: T[];
  getId(item: T): number;
  getLabel(item: T): string;
  render(item: T, index: number): ReactNode;
  onReorder(ids: number[]): void;
  disabled?: boolean;
  testId?: string;
  className?: string;
}

export function SortableList<T>({
  items,
  getId,
  getLabel,
  render,
  onReorder,
  disabled,
  testId,
  className,
}: Props<T>) {
  const { t } = useI18n();
  const [order, setOrder] = useState<number[]>(() => items.map(getId));
  const [dragging, setDragging] = useState<number | null>(null);
  // Only the handle starts a drag: text in the forms inside an item stays selectable.
  const [armed, setArmed] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  const focusAfter = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // Follow the server's order whenever it changes.
  const key = items.map(getId).join(',');
  useEffect(() => setOrder(key ? key.split(',').map(Number) : []), [key]);
  useEffect(() => {
    if (focusAfter.current) {
      listRef.current?.querySelector<HTMLButtonElement>(`[data-focus="${focusAfter.current}"]`)?.focus();
      focusAfter.current = null;
    }
  });

  const byId = new Map(items.map((i) => [getId(i), i]));
  const commit = (next: number[], movedId: number) => {
    if (next.join(',') === order.join(',')) return;
    setOrder(next);
    const item = byId.get(movedId);
    if (item)
      setAnnounce(t('authoring.moved', { title: getLabel(item), position: next.indexOf(movedId) + 1 }));
    onReorder(next);
  };
  const move = (id: number, delta: number, focus: string) => {
    const from = order.indexOf(id);
    const to = from + delta;
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    next.splice(from, 1);
    next.splice(to, 0, id);
    // Keep the focus on the button pressed, or on its twin when it disappears at an end.
    const atEdge = to === 0 || to === order.length - 1;
    focusAfter.current = atEdge ? `${id}-${delta < 0 ? 'down' : 'up'}` : focus;
    commit(next, id);
  };
  const drop = (targetId: number) => {
    if (dragging === null || dragging === targetId) return;
    const next = order.filter((id) => id !== dragging);
    next.splice(
      next.indexOf(targetId) + (order.indexOf(dragging) < order.indexOf(targetId) ? 1 : 0),
      0,
      dragging,
    );
    commit(next, dragging);
  };

  return (
    <>
      <ol ref={listRef} className={`sortable ${className ?? ''}`} data-testid={testId}>
        {order.map((id, index) => {
          const item = byId.get(id);
          if (!item) return null;
          const label = getLabel(item);
          return (
            <li
              key={id}
              className={`sortable-item${dragging === id ? ' dragging' : ''}${over === id && dragging !== id ? ' drop-target' : ''}`}
              draggable={!disabled && armed === id}
              onDragStart={(e) => {
                // Lists nest (lessons inside modules): the innermost list owns the drag.
                e.stopPropagation();
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', String(id));
                setDragging(id);
              }}
              onDragOver={(e) => {
                if (dragging === null) return;
                e.preventDefault();
                e.stopPropagation();
                setOver(id);
              }}
              onDrop={(e) => {
                if (dragging === null) return;
                e.preventDefault();
                e.stopPropagation();
                drop(id);
                setOver(null);
              }}
              onDragEnd={(e) => {
                e.stopPropagation();
                setDragging(null);
                setOver(null);
                setArmed(null);
              }}
            >
              <span
                className="drag-handle"
                aria-hidden="true"
                title={t('authoring.dragHint')}
                onPointerDown={() => setArmed(id)}
                onPointerUp={() => setArmed(null)}
              >
                ⠿
              </span>
              <div className="sortable-body">{render(item, index)}</div>
              <span className="order-buttons">
                <button
                  type="button"
                  className="secondary icon"
                  data-focus={`${id}-up`}
                  aria-label={t('authoring.moveUp', { title: label })}
                  disabled={disabled || index === 0}
                  onClick={() => move(id, -1, `${id}-up`)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="secondary icon"
                  data-focus={`${id}-down`}
                  aria-label={t('authoring.moveDown', { title: label })}
                  disabled={disabled || index === order.length - 1}
                  onClick={() => move(id, 1, `${id}-down`)}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </>
  );
}
