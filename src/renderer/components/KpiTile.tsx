export function KpiTile({
  label,
  value,
  detail,
  title,
  testId,
}: {
  label: string;
  value: string;
  detail?: string | undefined;
  /** The exact figure, when `value` is rounded for the tile. */
  title?: string | undefined;
  testId: string;
}) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value" title={title}>
        {value}
      </div>
      {detail && <div className="kpi-detail">{detail}</div>}
    </div>
  );
}
