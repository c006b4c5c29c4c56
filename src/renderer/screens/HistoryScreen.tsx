import type { ScreenId } from '../App';
import { EmptyState } from '../components/States';

export function HistoryScreen({ onNavigate }: { onNavigate: (screen: ScreenId) => void }) {
  return (
    <EmptyState title="No reports yet">
      <p>Reports you export from Customer Segmentation will be listed here, so you can open them again later.</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => onNavigate('segmentation')}>
          Go to Customer Segmentation
        </button>
      </div>
    </EmptyState>
  );
}
