import type { CSSProperties } from 'react';

/**
 * Two handles on one track: the youngest and the oldest age. Each handle is a
 * native range input, so arrows, Page Up/Down, Home and End work and screen
 * readers announce it as a slider; the two are laid over each other and only
 * their thumbs take the pointer. With both handles at the ends there is no
 * age filter.
 */
export function AgeRange({
  bounds,
  value,
  onChange,
  disabled,
  describedBy,
}: {
  bounds: { min: number; max: number };
  value: { min: number; max: number } | undefined;
  onChange: (age: { min: number; max: number } | undefined) => void;
  disabled: boolean;
  describedBy?: string | undefined;
}) {
  const low = Math.max(bounds.min, value?.min ?? bounds.min);
  const high = Math.min(bounds.max, value?.max ?? bounds.max);
  const span = Math.max(1, bounds.max - bounds.min);
  const set = (min: number, max: number) => onChange(min <= bounds.min && max >= bounds.max ? undefined : { min, max });
  const handles = [
    // At the top end the youngest handle must lie above the oldest, or it could not be dragged back.
    { label: 'Youngest age', value: low, onTop: low >= bounds.max, set: (v: number) => set(Math.min(v, high), high) },
    { label: 'Oldest age', value: high, onTop: false, set: (v: number) => set(low, Math.max(v, low)) },
  ];
  const style = { '--from': (low - bounds.min) / span, '--to': (high - bounds.min) / span } as CSSProperties;
  return (
    <div className="age-range">
      <div className="range-pair" style={style}>
        {handles.map((h) => (
          <input
            key={h.label}
            type="range"
            min={bounds.min}
            max={bounds.max}
            step={1}
            value={h.value}
            disabled={disabled}
            aria-label={h.label}
            aria-valuetext={`${h.value} years`}
            aria-describedby={describedBy}
            className={h.onTop ? 'on-top' : undefined}
            onChange={(e) => h.set(Number(e.target.value))}
          />
        ))}
      </div>
      <span className="range-value" data-testid="age-range-value">
        {disabled ? '—' : `${low}–${high}`}
      </span>
    </div>
  );
}
