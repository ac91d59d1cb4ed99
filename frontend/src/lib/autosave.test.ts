import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver, useAutosave, type AutosaveStatus } from './autosave';
import { ApiError } from './problem';

/** A promise the test settles by hand, to hold a save "on the wire". */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(options: { resolveConflict?: (error: unknown) => Promise<void> } = {}) {
  const statuses: AutosaveStatus[] = [];
  const calls: { value: string; done: ReturnType<typeof deferred> }[] = [];
  const saver = createAutosaver<string>({
    save: (value) => {
      const done = deferred();
      calls.push({ value, done });
      return done.promise;
    },
    onStatus: (status) => statuses.push(status),
    delay: 1500,
    ...options,
  });
  return { saver, statuses, calls };
}

const stale = () => new ApiError(412, { status: 412, detail: 'Stale.' });

describe('createAutosaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves 1.5 s after the last change, once, with the latest value', async () => {
    const { saver, calls } = setup();
    saver.change('a');
    expect(saver.status()).toBe('pending');
    await vi.advanceTimersByTimeAsync(1000);
    saver.change('ab');
    await vi.advanceTimersByTimeAsync(1499);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.value)).toEqual(['ab']);
    expect(saver.status()).toBe('saving');
    calls[0]?.done.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status()).toBe('saved');
  });

  it('never overlaps saves: what is typed during a save goes out after it', async () => {
    const { saver, calls, statuses } = setup();
    saver.change('one');
    await vi.advanceTimersByTimeAsync(1500);
    saver.change('two');
    await vi.advanceTimersByTimeAsync(1500);
    // The first save is still on its way: the second waits (it needs the version the first returns).
    expect(calls).toHaveLength(1);
    expect(saver.status()).toBe('saving');
    calls[0]?.done.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.value)).toEqual(['one', 'two']);
    calls[1]?.done.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status()).toBe('saved');
    expect(statuses.at(-1)).toBe('saved');
  });

  it('flush saves at once and tells whether everything is saved', async () => {
    const { saver, calls } = setup();
    saver.change('now');
    const flushed = saver.flush();
    expect(calls.map((c) => c.value)).toEqual(['now']);
    calls[0]?.done.resolve();
    await expect(flushed).resolves.toBe(true);
    // The debounce timer was dropped: nothing else goes out.
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(1);
  });

  it('after a failed save says "error", keeps the value and sends it again on flush', async () => {
    const { saver, calls } = setup();
    saver.change('draft');
    const first = saver.flush();
    calls[0]?.done.reject(new TypeError('network'));
    await expect(first).resolves.toBe(false);
    expect(saver.status()).toBe('error');
    const retry = saver.flush();
    expect(calls.map((c) => c.value)).toEqual(['draft', 'draft']);
    calls[1]?.done.resolve();
    await expect(retry).resolves.toBe(true);
    expect(saver.status()).toBe('saved');
  });

  it('on 412 stops saving (the waiting input was typed on the stale version) until reset', async () => {
    const { saver, calls } = setup();
    saver.change('mine');
    const flushed = saver.flush();
    saver.change('more of mine');
    calls[0]?.done.reject(stale());
    await expect(flushed).resolves.toBe(false);
    expect(saver.status()).toBe('conflict');
    saver.change('ignored');
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toHaveLength(1);
    saver.reset();
    expect(saver.status()).toBe('saved');
    saver.change('after reload');
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls.map((c) => c.value)).toEqual(['mine', 'after reload']);
  });

  it('lets a conflict resolver reload, then starts afresh; a flush still reports the conflict', async () => {
    const reload = deferred();
    const resolveConflict = vi.fn(() => reload.promise);
    const { saver, calls, statuses } = setup({ resolveConflict });
    saver.change('mine');
    const flushed = saver.flush();
    calls[0]?.done.reject(stale());
    await vi.advanceTimersByTimeAsync(0);
    expect(resolveConflict).toHaveBeenCalledTimes(1);
    expect(saver.status()).toBe('conflict');
    reload.resolve();
    await expect(flushed).resolves.toBe(false);
    expect(saver.status()).toBe('saved');
    expect(statuses).toEqual(['pending', 'saving', 'conflict', 'saved']);
  });
});

describe('useAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('re-renders with each status and saves with the latest save function', async () => {
    const firstSave = vi.fn(() => Promise.resolve());
    const laterSave = vi.fn(() => Promise.resolve());
    const { result, rerender } = renderHook(({ save }) => useAutosave<string>(save), {
      initialProps: { save: firstSave },
    });
    expect(result.current.status).toBe('saved');
    act(() => result.current.change('x'));
    expect(result.current.status).toBe('pending');
    rerender({ save: laterSave });
    await act(() => vi.advanceTimersByTimeAsync(1500));
    expect(firstSave).not.toHaveBeenCalled();
    expect(laterSave).toHaveBeenCalledWith('x');
    expect(result.current.status).toBe('saved');
  });
});
