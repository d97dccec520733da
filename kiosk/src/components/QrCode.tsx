import { useMemo } from 'preact/hooks';
import { create } from 'qrcode';

/** A QR code drawn as one SVG path: sharp at any size, on screen and on an 80 mm slip. */
export function QrCode({ text, label, class: className }: { text: string; label: string; class?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    // The quiet zone scanners need around the symbol.
    const margin = 2;
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + margin} ${row + margin}h1v1h-1z`;
      }
    }
    return { size: modules.size + margin * 2, path: d };
  }, [text]);
  return (
    <svg class={className} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shape-rendering="crispEdges" data-qr={text}>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
