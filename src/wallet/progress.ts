/** Progress events of the long steps, for the user interface ("nodes answered 3/5"). */
export type Progress =
  | { step: 'nodes'; answered: number; needed: number; total: number }
  | { step: 'record' }
  | { step: 'factor' }
  | { step: 'create' }
  | { step: 'install'; acked: number; needed: number; total: number }
  | { step: 'refresh' }
  | { step: 'write' }
  | { step: 'done' };
