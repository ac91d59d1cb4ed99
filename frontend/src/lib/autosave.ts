import { useEffect, useState } from 'react';
import { isApiError } from './problem';

/**
 * Where an autosaved draft stands:
 * - `saved`: what the user sees is what the server has;
 * - `pending`: changes wait for the user to stop typing;
 * - `saving`: a save is on its way;
 * - `error`: the last save failed (network, 422, ...); the next change or `flush` tries again;
 * - `conflict`: the server has a newer version (412); nothing is saved until `reset`.
 */
export type AutosaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

/** How long after the last change a draft is saved. */
export const AUTOSAVE_DELAY_MS = 1500;

export interface AutosaverOptions<T> {
  /** Sends one value; resolves when the server has it. Saves never overlap. */
  save: (value: T) => Promise<void>;
  onStatus: (status: AutosaveStatus, error: unknown) => void;
  delay?: number;
  /** Whether a failure means someone else saved first (default: a 412). */
  isConflict?: (error: unknown) => boolean;
  /**
   * Deals with a conflict, e.g. loads the latest version into the editor;
   * once it resolves the autosaver starts afresh (status `saved`). Without
   * it, the status stays `conflict` until `reset`.
   */
  resolveConflict?: (error: unknown) => Promise<void>;
}

export interface Autosaver<T> {
  /** The user changed the draft: save `value` once they pause. */
  change: (value: T) => void;
  /** Saves what is waiting now; resolves true when everything is saved. */
  flush: () => Promise<boolean>;
  /** After a conflict was dealt with (the latest version reloaded): start afresh. */
  reset: () => void;
  /** Saves what is still waiting, without delay (when the editor goes away). */
  dispose: () => void;
  status: () => AutosaveStatus;
}

const is412 = (error: unknown) => isApiError(error) && error.status === 412;

/**
 * Debounced, serialised saving of a draft: each change restarts the timer;
 * saves run one after the other (each If-Match needs the version the previous
 * save returned); changes made during a save are saved after it.
 */
export function createAutosaver<T>({
  save,
  onStatus,
  delay = AUTOSAVE_DELAY_MS,
  isConflict = is412,
  resolveConflict,
}: AutosaverOptions<T>): Autosaver<T> {
  let status: AutosaveStatus = 'saved';
  let waiting: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;

  const set = (next: AutosaveStatus, error: unknown = null) => {
    status = next;
    onStatus(next, error);
  };
  const stopTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  async function flush(): Promise<boolean> {
    stopTimer();
    while (running) await running;
    if (status === 'conflict') return false;
    if (!waiting) return status === 'saved';
    const { value } = waiting;
    waiting = null;
    set('saving');
    let conflicted = false;
    running = save(value).then(
      () => {
        running = null;
        set(waiting ? 'pending' : 'saved');
      },
      async (error: unknown) => {
        if (isConflict(error)) {
          conflicted = true;
          // What waits was typed on the stale version: saving it would undo the other change.
          waiting = null;
          stopTimer();
          set('conflict', error);
          if (resolveConflict) {
            try {
              await resolveConflict(error);
              waiting = null;
              set('saved');
            } catch {
              // Stays in conflict: the editor shows it and the user can reload the page.
            }
          }
          running = null;
        } else {
          running = null;
          // Keep the value: the next change or flush sends it (or a newer one) again.
          waiting ??= { value };
          set('error', error);
        }
      },
    );
    await running;
    // Even once resolved, a conflict means what the user had is not what was saved.
    if (conflicted) return false;
    // Changes typed during the save: an explicit flush saves them too.
    if (waiting && status === 'pending') return flush();
    return status === 'saved';
  }

  return {
    change(value) {
      if (status === 'conflict') return;
      waiting = { value };
      if (status !== 'saving') set('pending');
      stopTimer();
      timer = setTimeout(() => {
        timer = null;
        void flush();
      }, delay);
    },
    flush,
    reset() {
      stopTimer();
      waiting = null;
      set('saved');
    },
    dispose() {
      if (timer !== null) void flush();
    },
    status: () => status,
  };
}

export interface AutosaveState<T> {
  status: AutosaveStatus;
  /** Why the last save failed (`error` and `conflict`). */
  error: unknown;
  change: (value: T) => void;
  flush: () => Promise<boolean>;
  reset: () => void;
}

/**
 * `createAutosaver` for a component: re-renders on every status change,
 * saves what is waiting when the component goes away and asks the browser
 * to warn before leaving the page with unsaved changes.
 */
export function useAutosave<T>(
  save: (value: T) => Promise<void>,
  options: {
    delay?: number;
    isConflict?: (error: unknown) => boolean;
    resolveConflict?: (error: unknown) => Promise<void>;
  } = {},
): AutosaveState<T> {
  const [state, setState] = useState<{ status: AutosaveStatus; error: unknown }>({ status: 'saved', error: null });
  const [saver] = useState(() => {
    // The latest handlers, swapped in after every render (they close over the editor's state).
    let current: Pick<AutosaverOptions<T>, 'save' | 'resolveConflict'> = { save };
    const autosaver = createAutosaver<T>({
      save: (value) => current.save(value),
      onStatus: (status, error) => setState({ status, error }),
      delay: options.delay,
      isConflict: options.isConflict,
      resolveConflict: (error) =>
        current.resolveConflict ? current.resolveConflict(error) : Promise.reject(error instanceof Error ? error : new Error('conflict')),
    });
    return {
      ...autosaver,
      use(handlers: typeof current) {
        current = handlers;
      },
    };
  });
  useEffect(() => {
    saver.use({ save, resolveConflict: options.resolveConflict });
  });
  useEffect(() => () => saver.dispose(), [saver]);

  const unsaved = state.status === 'pending' || state.status === 'saving' || state.status === 'error';
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  return { status: state.status, error: state.error, change: saver.change, flush: saver.flush, reset: saver.reset };
}
