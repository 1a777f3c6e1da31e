export interface Debounced {
  /** Runs `action` once `ms` have passed without another call. */
  call(): void;
  cancel(): void;
}

/** Editors save in bursts (a temp file, a rename, a chmod): one render per burst is enough. */
export function debounce(action: () => void, ms: number): Debounced {
  let timer: NodeJS.Timeout | undefined;
  return {
    call() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        action();
      }, ms);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
