/** What every horizontal bar chart of the app shares: bars across so long names stay readable, sized by its box, drawn at once. */
export const horizontalBars = {
  indexAxis: 'y',
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
} as const;
