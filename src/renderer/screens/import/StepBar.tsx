const steps = [
  { id: 'file', label: 'Choose a file' },
  { id: 'columns', label: 'Check the columns' },
  { id: 'values', label: 'Outlets and categories' },
  { id: 'import', label: 'Import' },
  { id: 'summary', label: 'Summary' },
] as const;
export type StepId = (typeof steps)[number]['id'];

export function StepBar({ current }: { current: StepId }) {
  const at = steps.findIndex((s) => s.id === current);
  return (
    <ol className="step-bar" aria-label="Import steps">
      {steps.map((s, i) => (
        <li key={s.id} className={i < at ? 'done' : i === at ? 'current' : ''} aria-current={i === at ? 'step' : undefined}>
          <span className="step-number" aria-hidden="true">
            {i < at ? '✓' : i + 1}
          </span>
          {s.label}
        </li>
      ))}
    </ol>
  );
}
