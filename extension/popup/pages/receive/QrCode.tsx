/**
 * A QR code as inline SVG, drawn from the `qr` library's module matrix (no network, no
 * innerHTML): one path of unit squares, dark on a white quiet zone in both themes, since
 * scanners expect dark modules on a light background.
 */
import encodeQR from 'qr';

/** Modules of quiet zone around the code (the standard asks for 4). */
const QUIET = 4;

export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  // The matrix includes the quiet zone (light modules all round).
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: QUIET });
  const n = modules.length;
  let path = '';
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${n} ${n}`}
      shape-rendering="crispEdges"
      data-testid="receive-qr"
    >
      <rect width={n} height={n} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
