/** The app's name with its mark, at the top of the menu and of the sign-in card. */
export function Brand({ className }: { className: string }) {
  return (
    <div className={className}>
      <span className="brand-mark" aria-hidden="true">◆</span> Octave Segments
    </div>
  );
}
