/** A drop-down of a fixed list of codes, each shown by its label; named by `label` or by a `<label>` for `id`. */
export function LabelledSelect<T extends string>({
  options,
  labels,
  value,
  onChange,
  label,
  id,
}: {
  options: readonly T[];
  labels: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
  label?: string;
  id?: string;
}) {
  return (
    <select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value as T)}>
      {options.map((o) => (
        <option key={o} value={o}>
          {labels[o]}
        </option>
      ))}
    </select>
  );
}
