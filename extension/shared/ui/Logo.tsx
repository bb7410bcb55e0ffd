import logoUrl from '../logo.svg';

/** The Trine mark beside its name. The image is decorative; the name is the text. */
export function Brand({ size = 40 }: { size?: number }) {
  return (
    <div class="brand">
      <img src={logoUrl} width={size} height={size} alt="" />
      <span class="brand-name">Trine</span>
    </div>
  );
}
