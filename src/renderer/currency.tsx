import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { AppError } from '../shared/errors';
import { api } from './api';
import { DashboardSkeleton, ErrorState } from './components/States';
import { onDataChanged } from './useQuery';

interface CurrencyValue {
  /** The chain's currency code (Settings → Currency): every amount on screen is written in it. */
  currency: string;
  /** Settings saved a new one: every figure follows without reading it again. */
  changed(currency: string): void;
}

const CurrencyContext = createContext<CurrencyValue | null>(null);

/**
 * Reads the chain's currency once per session and hands it to every screen.
 * Nothing below is drawn until it is known: a figure shown in rupees for a
 * moment, then in dollars, would be wrong on screen for that moment.
 */
export function CurrencyProvider({ children }: { children: ReactNode }) {
  const [currency, setCurrency] = useState<string>();
  const [error, setError] = useState<AppError>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    api.getCurrency().then(
      (answer) => current && setCurrency(answer.currency),
      (reason: unknown) => current && setError(AppError.from(reason)),
    );
    return () => {
      current = false;
    };
  }, [round]);
  // A restore puts back another file, with its own currency (it announces every kind of change): read it again when the settings change (the old one stays on screen until then).
  useEffect(() => onDataChanged(['settings'], () => setRound((r) => r + 1)), []);
  const retry = useCallback(() => {
    setError(undefined);
    setRound((r) => r + 1);
  }, []);
  if (currency === undefined) return error ? <ErrorState error={error} onRetry={retry} /> : <DashboardSkeleton label="Loading" />;
  return <CurrencyContext.Provider value={{ currency, changed: setCurrency }}>{children}</CurrencyContext.Provider>;
}

/** The chain's currency code, for formatMoney and the like. */
export function useCurrency(): string {
  return useCurrencySetting().currency;
}

export function useCurrencySetting(): CurrencyValue {
  const value = useContext(CurrencyContext);
  if (!value) throw new Error('useCurrency is used outside CurrencyProvider');
  return value;
}
