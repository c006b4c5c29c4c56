import { EmptyState } from '../components/States';

export function ImportScreen() {
  return (
    <EmptyState title="Import your sales exports">
      <p>
        Importing CSV and Excel exports from your tills, ERP or loyalty system is not available in this version yet. Until
        then, the app works on the demo data, which you can clear in Settings.
      </p>
    </EmptyState>
  );
}
