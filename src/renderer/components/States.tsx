import type { ReactNode } from 'react';
import type { AppError } from '../../shared/errors';

export function ErrorState({ error, onRetry }: { error: AppError; onRetry: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <h2>Something went wrong</h2>
      <p>{error.message}</p>
      <button type="button" className="button primary" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="state state-empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/** A problem with what the user just did, read out by screen readers; nothing when there is none. */
export function ErrorText({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="error-text">
      {children}
    </p>
  );
}

/** Tiles and a chart still loading: the dashboard's shape before its first numbers. */
export function DashboardSkeleton({ label }: { label: string }) {
  return (
    <div className="stack" aria-busy="true" aria-label={label}>
      <div className="kpis">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="kpi skeleton" />
        ))}
      </div>
      <div className="card skeleton chart-skeleton" />
    </div>
  );
}
