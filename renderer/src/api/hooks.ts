import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { EVERY_QUERY, type Input, type JobProgress, type OperationName, type Result } from '../../../electron/contract';
import type { ApiError } from '../../../shared/errors';
import { call, invalidatesOf, queryKeyOf, runJob } from './client';

/**
 * Query keys are [area, operation, input] (queryKeyOf). A mutation's `invalidates` entry is an area ('partners': every
 * query of the area), an operation or operation prefix ('evaluations.settings'), or EVERY_QUERY.
 */
function useInvalidate() {
  const qc = useQueryClient();
  return useCallback(
    (op: OperationName) => {
      const prefixes = invalidatesOf(op);
      if (!prefixes.length) return;
      void qc.invalidateQueries({
        predicate: (q) =>
          prefixes.some((p) => {
            if (p === EVERY_QUERY) return true;
            if (!p.includes('.')) return q.queryKey[0] === p;
            const op = String(q.queryKey[1]);
            return op === p || op.startsWith(`${p}.`);
          }),
      });
    },
    [qc],
  );
}

export function useOp<K extends OperationName>(
  op: K,
  input: Input<K>,
  options: Omit<UseQueryOptions<Result<K>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<Result<K>, ApiError>({ queryKey: queryKeyOf(op, input), queryFn: () => call(op, input), ...options });
}

export function useMutationOp<K extends OperationName>(op: K) {
  const invalidate = useInvalidate();
  return useMutation<Result<K>, ApiError, Input<K>>({
    mutationFn: (input) => call(op, input),
    onSuccess: () => invalidate(op),
  });
}

/** A job with progress and cancel: what every long operation in the UI uses. */
export function useJob<K extends OperationName>(op: K) {
  const invalidate = useInvalidate();
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<Result<K> | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (input: Input<K>): Promise<Result<K> | null> => {
      abort.current = new AbortController();
      setRunning(true);
      setError(null);
      setResult(null);
      setProgress(null);
      try {
        const r = await runJob(op, input, { onProgress: setProgress, signal: abort.current.signal });
        setResult(r);
        return r;
      } catch (e) {
        setError(e as ApiError);
        return null;
      } finally {
        setRunning(false);
        invalidate(op);
      }
    },
    [op, invalidate],
  );
  const cancel = useCallback(() => abort.current?.abort(), []);
  const reset = useCallback(() => {
    setError(null);
    setResult(null);
    setProgress(null);
  }, []);
  return { start, cancel, reset, progress, running, error, result };
}
