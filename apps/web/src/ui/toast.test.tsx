// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { useToast } from './toast';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Buttons() {
  const toast = useToast();
  return (
    <>
      <button onClick={() => toast.success('Enregistré.')}>ok</button>
      <button onClick={() => toast.error('Échec.')}>ko</button>
      <button onClick={() => toast.show('Info.')}>info</button>
    </>
  );
}

const toaster = () => screen.getByTestId('toaster');

describe('Toaster', () => {
  it('announces toasts in one polite live region, styled by tone', () => {
    renderWithProviders(<Buttons />);
    expect(toaster().getAttribute('aria-live')).toBe('polite');
    expect(toaster().getAttribute('role')).toBe('status');
    fireEvent.click(screen.getByText('ok'));
    fireEvent.click(screen.getByText('ko'));
    const ok = within(toaster()).getByText('Enregistré.').parentElement!;
    const ko = within(toaster()).getByText('Échec.').parentElement!;
    expect(ok.className).toBe('toast toast-success');
    expect(ko.className).toBe('toast toast-error');
  });

  it('closes a toast with its button, and by itself after 5 s', () => {
    vi.useFakeTimers();
    renderWithProviders(<Buttons />);
    fireEvent.click(screen.getByText('ok'));
    fireEvent.click(screen.getByText('info'));
    fireEvent.click(within(toaster()).getAllByRole('button', { name: 'Fermer la notification' })[0]!);
    expect(within(toaster()).queryByText('Enregistré.')).toBeNull();
    expect(within(toaster()).getByText('Info.')).toBeTruthy();
    act(() => vi.advanceTimersByTime(4_999));
    expect(within(toaster()).getByText('Info.')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1));
    expect(within(toaster()).queryByText('Info.')).toBeNull();
  });

  it('keeps at most four toasts, dropping the oldest', () => {
    renderWithProviders(<Buttons />);
    for (let i = 0; i < 3; i++) fireEvent.click(screen.getByText('info'));
    fireEvent.click(screen.getByText('ok'));
    fireEvent.click(screen.getByText('ko'));
    const texts = within(toaster())
      .getAllByRole('button', { name: 'Fermer la notification' })
      .map((b) => b.parentElement!.textContent);
    expect(texts).toHaveLength(4);
    expect(texts.slice(-2)).toEqual(['Enregistré.×', 'Échec.×']);
  });
});
