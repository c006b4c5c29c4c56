/** The foot of a step: what is still to settle, a way back, and the way on (only once nothing is left to settle). */
export function StepActions({
  toDo,
  back,
  onBack,
  next,
  onNext,
}: {
  toDo: string[];
  back: string;
  onBack: () => void;
  next: string;
  onNext: () => void;
}) {
  return (
    <>
      {toDo.length > 0 && (
        <ul className="todo" aria-label="Still to do">
          {toDo.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={onBack}>
          {back}
        </button>
        <button type="button" className="button primary" disabled={toDo.length > 0} onClick={onNext}>
          {next}
        </button>
      </div>
    </>
  );
}
