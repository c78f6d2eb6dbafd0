import { encodePng, type Rgba } from './png-encoder';

const BRAND: Rgba = [37, 99, 235, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Whether (x, y) lies in a speech bubble: a round body with a tail at the lower left, scaled to `size`. */
function inBubble(x: number, y: number, size: number, inset: number): boolean {
  const c = size / 2;
  const r = size * 0.34 - inset;
  const dx = x + 0.5 - c;
  const dy = y + 0.5 - c * 0.94;
  if (dx * dx + dy * dy <= r * r) return true;
  // Tail: a triangle under the body, pointing down-left.
  const tx = (x + 0.5 - c) / size;
  const ty = (y + 0.5 - c) / size;
  return ty > 0.18 && ty < 0.42 - inset / size && tx > -0.26 + inset / size && tx < -0.02 && tx - ty > -0.46 + inset / size;
}

/** The colour icon (192x192): a white speech bubble with three dots on the brand blue. */
export function colorIcon(): Buffer {
  const size = 192;
  return encodePng(size, size, (x, y) => {
    if (!inBubble(x, y, size, 0)) return BRAND;
    const dotY = Math.abs(y + 0.5 - size * 0.47) < 8;
    const dotX = [-30, 0, 30].some((o) => Math.abs(x + 0.5 - (size / 2 + o)) < 8);
    return dotX && dotY ? BRAND : WHITE;
  });
}

/** The outline icon (32x32): Teams wants white on a transparent background. */
export function outlineIcon(): Buffer {
  const size = 32;
  return encodePng(size, size, (x, y) => (inBubble(x, y, size, 0) && !inBubble(x, y, size, 2.2) ? WHITE : CLEAR));
}
